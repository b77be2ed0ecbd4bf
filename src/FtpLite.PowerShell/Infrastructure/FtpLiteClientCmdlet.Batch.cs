using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using FtpLite.Client;
using FtpLite.PowerShell.Client;

namespace FtpLite.PowerShell.Infrastructure;

/// <summary>
/// Parallel transfers (-ThrottleLimit above 1): a pool of connections, each a worker that takes the next file, and the
/// pipeline thread writing results in the batch's order, with one progress record for the whole batch.
/// </summary>
public abstract partial class FtpLiteClientCmdlet
{
    /// <summary>Most sessions one command opens to a server.</summary>
    private protected const int MaxThrottleLimit = 64;

    /// <summary>How often, at most, the batch's progress record is rewritten.</summary>
    private static readonly TimeSpan BatchProgressInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Moves <paramref name="batch"/>'s files over <paramref name="throttleLimit"/> connections: this command's own client
    /// (the session, or the one-shot connection) and more connected with the same options, closed at the end. Results
    /// are written in the batch's order from this (the pipeline) thread; a failed file is a non-terminating error in its
    /// place, and the others go on. Ctrl+C cancels every worker; an error under -ErrorAction Stop cancels the pool's own
    /// connections and lets the command's client finish the file it is moving (cancelling it could cost the user's session
    /// its control connection). The library leaves no partial target of a cancelled transfer.
    /// </summary>
    private protected void RunBatch(TransferBatch batch, int throttleLimit, int activityId, string activity)
    {
        var jobs = batch.Jobs;
        if (jobs.Count == 0) return;
        var workers = Math.Min(throttleLimit, jobs.Count(j => !j.IsDone));
        var progress = ProgressEnabled;
        var totalLength = jobs.All(j => j.Length is not null) ? jobs.Sum(j => j.Length!.Value) : (long?)null;
        var written = 0;
        var sinceProgress = Stopwatch.StartNew();
        var progressWritten = false;
        WriteVerbose(string.Format(CultureInfo.InvariantCulture, "Moving {0} file(s) over {1} session(s).", jobs.Count, Math.Max(workers, 1)));

        void WriteReady(bool last)
        {
            while (written < jobs.Count && jobs[written].IsDone) WriteOutcome(jobs[written++]);
            if (!progress || (!last && progressWritten && sinceProgress.Elapsed < BatchProgressInterval)) return;
            progressWritten = true;
            sinceProgress.Restart();
            var done = jobs.Count(j => j.IsDone);
            var bytes = jobs.Sum(j => j.Bytes);
            var status = totalLength is { } total
                ? string.Format(CultureInfo.CurrentCulture, "{0} of {1} files, {2} of {3}, over {4} sessions", done, jobs.Count, TransferProgressSink.Size(bytes), TransferProgressSink.Size(total), workers)
                : string.Format(CultureInfo.CurrentCulture, "{0} of {1} files, {2}, over {3} sessions", done, jobs.Count, TransferProgressSink.Size(bytes), workers);
            var record = new ProgressRecord(activityId, activity, status)
            {
                PercentComplete = (int)Math.Min(100, totalLength is > 0 ? 100 * bytes / totalLength.Value : 100L * done / jobs.Count),
            };
            WriteProgress(record);
        }

        using var messages = new PipelineMessages();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken);
        var commandToken = CancellationToken;
        var next = -1;
        var noMore = 0;
        var options = Client.Options;
        var first = Client;
        var pool = Task.Run(() => Task.WhenAll(Enumerable.Range(0, workers).Select(i => WorkAsync(i))));

        async Task WorkAsync(int worker)
        {
            var owned = worker > 0;
            var token = owned ? stop.Token : commandToken;
            FtpClient? client = owned ? null : first;
            try
            {
                while (!token.IsCancellationRequested && Volatile.Read(ref noMore) == 0)
                {
                    if (client is null || !client.IsConnected)
                    {
                        // The command's own client is the user's session (or the one-shot): a worker never replaces it.
                        if (!owned) return;
                        client?.Dispose();
                        client = await ConnectWorkerAsync(options, worker, workers, messages, token).ConfigureAwait(false);
                        if (client is null) return;
                    }
                    var index = Interlocked.Increment(ref next);
                    if (index >= jobs.Count) return;
                    var job = jobs[index];
                    if (job.IsDone) continue;
                    try
                    {
                        job.Complete(await job.Run(client, progress ? job.ProgressSink() : null, token).ConfigureAwait(false));
                    }
                    catch (OperationCanceledException) when (token.IsCancellationRequested)
                    {
                        return;
                    }
                    catch (Exception e)
                    {
                        job.Fail(e);
                    }
                    messages.Wake();
                }
            }
            finally
            {
                if (owned && client is not null) await CloseWorkerAsync(client, token).ConfigureAwait(false);
                messages.Wake();
            }
        }

        try
        {
            Pump(pool, messages, untilStopped: false, onPump: () => WriteReady(last: false));
            // A job no worker could take (every connection was lost) still gets its line in the output.
            foreach (var job in jobs.Where(j => !j.IsDone))
                job.Fail(new FtpException(FtpErrorKind.ConnectionLost, "no connection to the server was left to transfer it"));
            WriteReady(last: true);
        }
        catch (Exception e)
        {
            // Ctrl+C, or a written error under -ErrorAction Stop: no worker goes on after the command ends.
            Volatile.Write(ref noMore, 1);
            stop.Cancel();
            WaitForWorkers(pool, alreadyWaited: e is PipelineStoppedException);
            throw;
        }
    }

    /// <summary>
    /// Waits for the workers after the batch was stopped: until the command's own client has finished its file, or,
    /// once Ctrl+C comes (or came), for the grace period at most. Whatever they end with is observed, never reported.
    /// </summary>
    private void WaitForWorkers(Task pool, bool alreadyWaited)
    {
        pool.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
        if (alreadyWaited) return;
        var wait = (IAsyncResult)pool;
        DateTime? deadline = null;
        while (!pool.IsCompleted)
        {
            if (IsStopping)
            {
                deadline ??= DateTime.UtcNow + CancellationGrace;
                if (DateTime.UtcNow >= deadline) return;
            }
            wait.AsyncWaitHandle.WaitOne(TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>Writes one job's outcome: its result, or its error, in its place in the output.</summary>
    private void WriteOutcome(TransferJob job)
    {
        if (job.Refusal is { } refusal)
        {
            WriteError(refusal);
            return;
        }
        if (job.Error is { } error)
        {
            var inner = ErrorMapping.Unwrap(error);
            var expected = inner is FtpException or IOException or UnauthorizedAccessException or TimeoutException or System.Net.Sockets.SocketException;
            WriteFtpError(inner, expected ? ErrorMapping.IdOf(inner, ErrorIds.TransferFailed) : ErrorIds.Unexpected, job.Target, message: $"{job.Failure} failed: {Advice(inner, job.Target)}");
            return;
        }
        job.Report(job.Result!);
    }

    /// <summary>One more connection for the pool; null (after a warning) when the server will not have it: the others carry on.</summary>
    private static async Task<FtpClient?> ConnectWorkerAsync(FtpClientOptions options, int worker, int workers, PipelineMessages messages, CancellationToken token)
    {
        try
        {
            var client = await FtpClient.ConnectAsync(options, token).ConfigureAwait(false);
            messages.WriteVerbose($"Session {worker + 1} of {workers} connected to {options.Host} port {options.Port}.");
            return client;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            messages.WriteWarning($"Session {worker + 1} of {workers} could not connect to {options.Host} port {options.Port} ({ErrorMapping.Unwrap(e).Message}); the files go over the other sessions.");
            return null;
        }
    }

    /// <summary>Says goodbye on a pool connection (or, when cancelled, just closes it); never throws.</summary>
    private static async Task CloseWorkerAsync(FtpClient client, CancellationToken token)
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
