namespace FtpLite.Client;

/// <summary>
/// Moves many files over a few sessions at once: each session takes the next file when it is free, so N connections
/// serve the whole batch (not one per file). Results come back in the input's order; a file that fails is reported in
/// its place and the others go on; a session that broke is replaced by a new connection; cancelling stops every
/// session's transfer promptly. Progress is one aggregate for the batch, reported synchronously from the sessions'
/// threads (keep the handler quick).
/// </summary>
public sealed class FtpTransferPool
{
    /// <summary>Most sessions one pool opens to a server.</summary>
    public const int MaxSessions = 64;

    private readonly Func<CancellationToken, Task<FtpClient>> _connect;
    private readonly FtpClient? _lead;
    private readonly Func<FtpClient, FtpBatchItem, FtpTransferResult, CancellationToken, Task>? _afterEach;
    private readonly CancellationTokenSource _stop = new();
    private volatile bool _stopping;

    /// <param name="connect">Opens one more session (the pool closes the ones it opened when a run ends).</param>
    /// <param name="sessions">Sessions at most, 1 to <see cref="MaxSessions"/>; never more than there are files.</param>
    /// <param name="afterEach">
    /// Runs on the same session after each successful transfer (setting the file's time, say); when it throws, the item
    /// is a failure that keeps its transfer result.
    /// </param>
    public FtpTransferPool(
        Func<CancellationToken, Task<FtpClient>> connect, int sessions,
        Func<FtpClient, FtpBatchItem, FtpTransferResult, CancellationToken, Task>? afterEach = null)
        : this(null, connect, sessions, afterEach)
    {
    }

    /// <summary>
    /// A pool whose first session is <paramref name="lead"/>, a client the caller owns (a user's session): the pool uses
    /// it as one of the <paramref name="sessions"/> but never closes or replaces it, and <see cref="Stop"/> lets it finish
    /// the file it is moving rather than cut its connection.
    /// </summary>
    public FtpTransferPool(
        FtpClient? lead, Func<CancellationToken, Task<FtpClient>> connect, int sessions,
        Func<FtpClient, FtpBatchItem, FtpTransferResult, CancellationToken, Task>? afterEach = null)
    {
        if (sessions < 1 || sessions > MaxSessions)
            throw new ArgumentOutOfRangeException(nameof(sessions), sessions, $"A pool has 1 to {MaxSessions} sessions.");
        _connect = connect ?? throw new ArgumentNullException(nameof(connect));
        _lead = lead;
        Sessions = sessions;
        _afterEach = afterEach;
    }

    public int Sessions { get; }

    /// <summary>Called on a session's thread as each item finishes (with its input index), before the run ends.</summary>
    public Action<int, FtpBatchResult>? ItemCompleted { get; set; }

    /// <summary>
    /// Called when a session could not connect (its number from 0, and why): that session stops, the others carry on.
    /// When none is left, the files not yet moved fail with a ConnectionLost <see cref="FtpException"/>.
    /// </summary>
    public Action<int, Exception>? SessionFailed { get; set; }

    /// <summary>
    /// Ends the run early without cancelling the caller's lead session: no more files are started, the pool's own
    /// sessions are cancelled, and the lead finishes its current file. Files not moved fail with an
    /// <see cref="OperationCanceledException"/> in their place.
    /// </summary>
    public void Stop()
    {
        _stopping = true;
        _stop.Cancel();
    }

    /// <summary>
    /// Moves <paramref name="items"/>; returns one result per item, in input order. Two items with one target cannot run
    /// side by side: the later fails (AlreadyExists) in its place without running. Cancelling ends every transfer and
    /// throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<IReadOnlyList<FtpBatchResult>> RunAsync(
        IReadOnlyList<FtpBatchItem> items, IProgress<FtpBatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (items is null) throw new ArgumentNullException(nameof(items));
        var run = new PoolRun(items, progress);
        foreach (var (index, error) in run.RefuseSharedTargets()) Finish(run, index, new FtpBatchResult(items[index], null, error, skipped: true));
        var workers = Math.Min(Sessions, run.Pending);
        if (workers == 0) return run.Results();

        using var owned = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        var sessions = Enumerable.Range(0, workers)
            .Select(i => Task.Run(() => WorkAsync(run, i, i == 0 && _lead is not null, owned.Token, cancellationToken), CancellationToken.None))
            .ToArray();
        await Task.WhenAll(sessions).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        for (var i = 0; i < items.Count; i++)
        {
            if (run.IsFinished(i)) continue;
            Exception error = _stopping
                ? new OperationCanceledException("The batch was stopped before this file was moved.")
                : new FtpException(FtpErrorKind.ConnectionLost, "No connection to the server was left to move this file.", innerException: run.LastConnectError);
            Finish(run, i, new FtpBatchResult(items[i], null, error, skipped: true));
        }
        return run.Results();
    }

    private async Task WorkAsync(PoolRun run, int session, bool lead, CancellationToken ownedToken, CancellationToken callerToken)
    {
        var token = lead ? callerToken : ownedToken;
        var client = lead ? _lead : null;
        run.SessionStarted();
        try
        {
            while (!token.IsCancellationRequested && !_stopping)
            {
                // The file first, then a connection for it: a session never connects for nothing.
                var index = run.Take();
                if (index < 0) return;
                if (client is null || !client.IsConnected)
                {
                    // The caller's own client is theirs to reconnect; the pool only replaces the sessions it opened.
                    if (lead)
                    {
                        run.Return(index);
                        return;
                    }
                    client?.Dispose();
                    client = null;
                    try
                    {
                        client = await _connect(token).ConfigureAwait(false);
                    }
                    catch (Exception e) when (!token.IsCancellationRequested)
                    {
                        run.Return(index);
                        run.LastConnectError = e;
                        SessionFailed?.Invoke(session, e);
                        return;
                    }
                    catch (OperationCanceledException)
                    {
                        run.Return(index);
                        throw;
                    }
                }
                if (!await MoveAsync(run, index, client, token).ConfigureAwait(false)) return;
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Cancelled while connecting: the run reports it.
        }
        finally
        {
            run.SessionEnded();
            if (!lead && client is not null) await CloseAsync(client, token).ConfigureAwait(false);
        }
    }

    /// <summary>Moves one item; false when cancelled (the item stays unfinished).</summary>
    private async Task<bool> MoveAsync(PoolRun run, int index, FtpClient client, CancellationToken token)
    {
        var item = run.Items[index];
        var sink = run.Started(index);
        FtpTransferResult result;
        try
        {
            result = item.Direction == FtpTransferDirection.Upload
                ? await client.UploadFileAsync(item.LocalPath, item.RemotePath, item.Options, sink, token).ConfigureAwait(false)
                : await client.DownloadFileAsync(item.RemotePath, item.LocalPath, item.Options, sink, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            run.Abandoned(index);
            return false;
        }
        catch (Exception e)
        {
            Finish(run, index, new FtpBatchResult(item, null, e));
            return true;
        }

        Exception? after = null;
        if (_afterEach is not null)
        {
            try
            {
                await _afterEach(client, item, result, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                run.Abandoned(index);
                return false;
            }
            catch (Exception e)
            {
                after = e;
            }
        }
        Finish(run, index, new FtpBatchResult(item, result, after));
        return true;
    }

    private void Finish(PoolRun run, int index, FtpBatchResult result)
    {
        run.Finish(index, result);
        ItemCompleted?.Invoke(index, result);
    }

    /// <summary>Says goodbye on a pool session (or, when cancelled, just closes it); never throws.</summary>
    private static async Task CloseAsync(FtpClient client, CancellationToken token)
    {
        try
        {
            if (!token.IsCancellationRequested && client.IsConnected) await client.DisconnectAsync(token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Closed either way.
        }
        finally
        {
            client.Dispose();
        }
    }
}
