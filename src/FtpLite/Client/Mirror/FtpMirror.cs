namespace FtpLite.Client;

/// <summary>
/// Mirrors a folder tree between this machine and a server, either way: walks both sides, plans with
/// <see cref="FtpMirrorPlanner"/>, then makes the missing folders, copies what differs over a pool of sessions (each copy
/// given its source's modification time: locally, or with MFMT where the server offers it), and deletes what the plan
/// says. A run that was interrupted is simply run again: what finished then has the source's size and time and is skipped.
/// With <see cref="Sessions"/> above 1, planning opens the pool's other sessions at once and walks the server's folders
/// over all of them; the run then copies over those same sessions. Dispose closes any that a plan opened and no run used.
/// </summary>
public sealed class FtpMirror : IDisposable
{
    private readonly FtpClient _client;
    private readonly Stack<(FtpClient Session, DateTime Kept)> _spare = new();
    private readonly string _localRoot;
    private readonly string _remoteRoot;

    /// <param name="client">A connected client: it walks the server's side, makes folders, deletes, and is one of the pool's sessions.</param>
    /// <param name="direction">Upload: the local folder is the source. Download: the server's folder is.</param>
    /// <param name="localRoot">The local folder (a download's target is made when missing).</param>
    /// <param name="remoteRoot">The server's folder, relative to the working directory or absolute (an upload's target is made when missing).</param>
    /// <param name="options">Compare, filter and delete options; null for the defaults.</param>
    public FtpMirror(FtpClient client, FtpTransferDirection direction, string localRoot, string remoteRoot, FtpMirrorOptions? options = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        if (string.IsNullOrEmpty(localRoot)) throw new ArgumentException("Give a local folder.", nameof(localRoot));
        if (string.IsNullOrEmpty(remoteRoot)) throw new ArgumentException("Give a remote folder.", nameof(remoteRoot));
        Direction = direction;
        _localRoot = Path.GetFullPath(localRoot);
        _remoteRoot = RemotePath.Resolve(client.WorkingDirectory, remoteRoot);
        Options = options ?? new FtpMirrorOptions();
        Connect = token => FtpClient.ConnectAsync(_client.Options, token);
    }

    public FtpTransferDirection Direction { get; }

    public FtpMirrorOptions Options { get; }

    public string LocalRoot => _localRoot;

    public string RemoteRoot => _remoteRoot;

    /// <summary>Files copied at once, each over its own session (the client given, and more opened with <see cref="Connect"/>).</summary>
    public int Sessions { get; set; } = 1;

    /// <summary>Opens one more session for the pool; by default with the client's own options.</summary>
    public Func<CancellationToken, Task<FtpClient>> Connect { get; set; }

    /// <summary>
    /// Whether copies take their source's modification time: always downloading; uploading, only where the server offers
    /// MFMT. Without it the plan counts a target at least as new as its source, of the same size, as up to date.
    /// </summary>
    public bool TargetKeepsTimes => Direction == FtpTransferDirection.Download || _client.Features.Mfmt;

    /// <summary>Walks both sides and compares them (hashing files of equal size under Checksum). Changes nothing.</summary>
    /// <exception cref="FtpMirrorRefusedException">A delete guard refused.</exception>
    /// <exception cref="DirectoryNotFoundException">An upload's local source is missing.</exception>
    /// <exception cref="FtpException">A download's remote source is missing (NotFound), or Checksum asked of a server without HASH (NotSupported).</exception>
    public async Task<FtpMirrorPlan> PlanAsync(CancellationToken cancellationToken = default)
    {
        var upload = Direction == FtpTransferDirection.Upload;
        // The pool's other sessions connect while the walks run, and list the server's folders beside the client.
        var helpers = OpenSpareSessions();
        // A download's part files ("name.ftplite-part") are this library's own leftovers of an interrupted copy, not content.
        var localWalk = upload || Directory.Exists(_localRoot)
            ? Task.Run(() => LocalTree.Walk(_localRoot).Where(e => e.IsDirectory || !e.Name.EndsWith(DownloadParts.Suffix, StringComparison.Ordinal)).ToList(), cancellationToken)
            : Task.FromResult(new List<FtpTreeEntry>());
        List<FtpTreeEntry> remote;
        try
        {
            remote = await WalkRemoteAsync(sourceSide: !upload, helpers, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await Task.WhenAll(localWalk.ContinueWith(_ => { }, TaskScheduler.Default)).ConfigureAwait(false);
            throw;
        }
        var local = await localWalk.ConfigureAwait(false);
        var (source, target) = upload ? (local, remote) : (remote, local);
        ICollection<string>? differs = null;
        if (Options.Checksum) differs = await DifferingHashesAsync(FtpMirrorPlanner.HashCandidates(source, target, Options), cancellationToken).ConfigureAwait(false);
        return FtpMirrorPlanner.Plan(Direction, source, target, Options, TargetKeepsTimes, differs);
    }

    /// <summary>
    /// Carries out <paramref name="plan"/>: folders, then files over the pool, then deletes. Each action's result is
    /// handed to <paramref name="completed"/> as it finishes (from a worker's thread), and all come back in the plan's
    /// order; a failed action is reported in its place and the others go on. Skips are not carried out or returned.
    /// Cancelling stops every transfer and throws; finished files keep their times, so a rerun skips them.
    /// </summary>
    public async Task<IReadOnlyList<FtpMirrorResult>> RunAsync(
        FtpMirrorPlan plan, IProgress<FtpBatchProgress>? progress = null, Action<FtpMirrorResult>? completed = null, CancellationToken cancellationToken = default)
    {
        if (plan is null) throw new ArgumentNullException(nameof(plan));
        if (plan.Direction != Direction) throw new ArgumentException("The plan was made for the other direction.", nameof(plan));
        var results = new List<FtpMirrorResult>();
        void Done(FtpMirrorResult result)
        {
            lock (results) results.Add(result);
            completed?.Invoke(result);
        }

        var changes = plan.Changes.ToList();
        try
        {
            await EnsureTargetRootAsync(cancellationToken).ConfigureAwait(false);
            await MakeFoldersAsync(changes.Where(a => a.Kind == FtpMirrorActionKind.Copy && a.IsDirectory).ToList(), Done, cancellationToken).ConfigureAwait(false);

            var copies = changes.Where(a => !a.IsDirectory && a.Kind is FtpMirrorActionKind.Copy or FtpMirrorActionKind.Replace).ToList();
            if (copies.Count > 0) await CopyAsync(copies, progress, Done, cancellationToken).ConfigureAwait(false);

            foreach (var delete in changes.Where(a => a.Kind == FtpMirrorActionKind.Delete))
                Done(await StepAsync(delete, DeleteAsync, cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            CloseSpareSessions();
        }

        var order = changes.Select((a, i) => (a, i)).ToDictionary(p => p.a, p => p.i);
        return results.OrderBy(r => order[r.Action]).ToList();
    }

    private async Task CopyAsync(List<FtpMirrorAction> copies, IProgress<FtpBatchProgress>? progress, Action<FtpMirrorResult> done, CancellationToken cancellationToken)
    {
        var upload = Direction == FtpTransferDirection.Upload;
        // An upload's size check lists each folder once its files are in, rather than asking SIZE after each STOR.
        var folderCheck = upload && ChecksSizeByFolder()
            ? new UploadSizeCheck(_client, copies.Select(a => RemotePathOf(a.RelativePath)), done, cancellationToken)
            : null;
        var items = copies.Select(a =>
        {
            long? length = a.Source!.Length >= 0 ? a.Source.Length : null;
            var options = TransferOptions(upload ? null : length);
            if (folderCheck is not null) options.Verify = FtpVerification.None;
            return new FtpBatchItem(Direction, LocalPath(a.RelativePath), RemotePathOf(a.RelativePath), options, length);
        }).ToList();
        if (folderCheck is not null)
        {
            var report = done;
            done = r => folderCheck.Add(RemotePathOf(r.RelativePath), r);
            try
            {
                await CopyOverPoolAsync(copies, items, progress, done, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await folderCheck.WhenCheckedAsync().ConfigureAwait(false);
            }
            return;
        }
        await CopyOverPoolAsync(copies, items, progress, done, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether an upload's copies are checked by size (asked for, or Hash where the server has no HASH): then by a
    /// listing per folder.
    /// </summary>
    private bool ChecksSizeByFolder() =>
        Options.Verify == FtpVerification.Size || (Options.Verify == FtpVerification.Hash && _client.HashAlgorithms.Count == 0);

    private async Task CopyOverPoolAsync(
        List<FtpMirrorAction> copies, List<FtpBatchItem> items, IProgress<FtpBatchProgress>? progress, Action<FtpMirrorResult> done, CancellationToken cancellationToken)
    {
        var upload = Direction == FtpTransferDirection.Upload;
        var actions = items.Select((item, i) => (item, copies[i])).ToDictionary(p => p.item, p => p.Item2);
        var timed = new HashSet<FtpBatchItem>();

        // On the session that moved the file, before the next one: the copy takes the source's time.
        async Task KeepTimeAsync(FtpClient session, FtpBatchItem item, FtpTransferResult result, CancellationToken token)
        {
            var time = actions[item].Source!.LastWriteTimeUtc;
            if (time == DateTime.MinValue) return;
            if (!upload) File.SetLastWriteTimeUtc(item.LocalPath, time);
            else if (session.Features.Mfmt) await session.SetModifiedTimeAsync(item.RemotePath, time, token).ConfigureAwait(false);
            else return;
            lock (timed) timed.Add(item);
        }

        bool TimeKept(FtpBatchItem item)
        {
            lock (timed) return timed.Contains(item);
        }

        // A refusal that may clear (a 4xx: the server still finishing an interrupted run's upload of the file, say) is
        // tried once more after the others, a moment later; anything else, or a second refusal, is the file's result.
        var retry = new List<int>();
        async Task RunPoolAsync(IReadOnlyList<int> indices, bool lastTry)
        {
            var pool = new FtpTransferPool(_client, TakeSessionAsync, Math.Max(1, Math.Min(Sessions, FtpTransferPool.MaxSessions)), KeepTimeAsync)
            {
                ItemCompleted = (i, r) =>
                {
                    var index = indices[i];
                    if (!lastTry && r.Result is null && r.Error is FtpException { IsTransient: true })
                    {
                        lock (retry) retry.Add(index);
                        return;
                    }
                    done(new FtpMirrorResult(copies[index], r.Result, r.Error, r.Error is null && TimeKept(r.Item)));
                },
            };
            await pool.RunAsync(indices.Select(i => items[i]).ToList(), progress, cancellationToken).ConfigureAwait(false);
        }

        await RunPoolAsync(Enumerable.Range(0, items.Count).ToList(), lastTry: false).ConfigureAwait(false);
        if (retry.Count == 0) return;
        await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
        await RunPoolAsync(retry.OrderBy(i => i).ToList(), lastTry: true).ConfigureAwait(false);
    }

    /// <summary>
    /// A copy's options. A download's size check compares with the length the walk listed rather than asking SIZE: the
    /// walk is this run's word from the server on the file, and the question would cost a round trip per file.
    /// </summary>
    private FtpTransferOptions TransferOptions(long? listedLength) =>
        new() { Overwrite = true, Verify = Options.Verify, ListedLength = listedLength };

    /// <summary>How long a copy refused with a 4xx waits before its one more try.</summary>
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private static async Task<FtpMirrorResult> StepAsync(FtpMirrorAction action, Func<FtpMirrorAction, CancellationToken, Task> step, CancellationToken cancellationToken)
    {
        try
        {
            await step(action, cancellationToken).ConfigureAwait(false);
            return new FtpMirrorResult(action, null, null, timeKept: false);
        }
        catch (Exception e) when (e is FtpException or IOException or UnauthorizedAccessException && !cancellationToken.IsCancellationRequested)
        {
            return new FtpMirrorResult(action, null, e, timeKept: false);
        }
    }

    /// <summary>
    /// The plan's new folders, parents before children (the root exists by now): locally one by one; on the server one
    /// MKD each, a level at a time, spread over the client and the sessions the plan opened.
    /// </summary>
    private async Task MakeFoldersAsync(List<FtpMirrorAction> folders, Action<FtpMirrorResult> done, CancellationToken token)
    {
        if (Direction == FtpTransferDirection.Download)
        {
            foreach (var folder in folders)
                done(await StepAsync(folder, (a, _) => { Directory.CreateDirectory(LocalPath(a.RelativePath)); return Task.CompletedTask; }, token).ConfigureAwait(false));
            return;
        }
        var sessions = new List<FtpClient> { _client };
        sessions.AddRange(TakeSpareSessions());
        try
        {
            foreach (var level in folders.GroupBy(a => a.RelativePath.Count(c => c == '/')).OrderBy(g => g.Key))
            {
                var waiting = new System.Collections.Concurrent.ConcurrentQueue<FtpMirrorAction>(level);
                await Task.WhenAll(sessions.Select(async session =>
                {
                    while (waiting.TryDequeue(out var folder))
                        done(await StepAsync(folder, (a, t) => MakeRemoteFolderAsync(session, RemotePathOf(a.RelativePath), t), token).ConfigureAwait(false));
                })).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var spare in sessions.Skip(1)) KeepSpare(spare);
        }
    }

    /// <summary>
    /// MKD. A symbolic link already there (a walk leaves links out, so the plan took the folder for missing) is taken
    /// as the folder it leads to, as mkdir -p takes one: the copies go through it and the link stays.
    /// </summary>
    private static async Task MakeRemoteFolderAsync(FtpClient session, string path, CancellationToken token)
    {
        FtpException refused;
        try
        {
            await session.CreateDirectoryAsync(path, token).ConfigureAwait(false);
            return;
        }
        catch (FtpException e) when (e.Reply is not null && session.IsConnected)
        {
            refused = e;
        }
        if ((await session.GetItemAsync(path, token).ConfigureAwait(false))?.Type != FtpItemType.Link)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(refused).Throw();
    }

    private async Task DeleteAsync(FtpMirrorAction action, CancellationToken token)
    {
        if (Direction == FtpTransferDirection.Upload)
        {
            var path = RemotePathOf(action.RelativePath);
            if (action.IsDirectory) await _client.DeleteDirectoryAsync(path, token).ConfigureAwait(false);
            else await _client.DeleteFileAsync(path, token).ConfigureAwait(false);
        }
        else if (action.IsDirectory)
        {
            Directory.Delete(LocalPath(action.RelativePath), recursive: false);
        }
        else
        {
            File.Delete(LocalPath(action.RelativePath));
        }
    }

    /// <summary>Whether the last plan walked the server's root (so it was there), when that was the target.</summary>
    private bool _remoteRootWalked;

    private async Task EnsureTargetRootAsync(CancellationToken token)
    {
        if (Direction == FtpTransferDirection.Download)
        {
            Directory.CreateDirectory(_localRoot);
            return;
        }
        // The plan has just walked it; or, missing then, it usually lacks only itself: one MKD, and mkdir -p when that fails.
        if (_remoteRootWalked) return;
        try
        {
            await _client.CreateDirectoryAsync(_remoteRoot, token).ConfigureAwait(false);
        }
        catch (FtpException e) when (e.Reply is not null)
        {
            await _client.CreateDirectoryAsync(_remoteRoot, recursive: true, token).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The server's tree, walked over the client and <paramref name="helpers"/>; a missing target is an empty one (a
    /// missing source is the walk's NotFound error). The helpers still connected afterwards are kept for the run.
    /// </summary>
    private async Task<List<FtpTreeEntry>> WalkRemoteAsync(bool sourceSide, IReadOnlyList<Task<FtpClient>> helpers, CancellationToken token)
    {
        try
        {
            var tree = (await ParallelTreeWalk.WalkAsync(_client, helpers, _remoteRoot, 64, null, KeepSpare, token).ConfigureAwait(false)).ToList();
            _remoteRootWalked = true;
            return tree;
        }
        catch (FtpException e) when (!sourceSide && e.Kind == FtpErrorKind.NotFound)
        {
            _remoteRootWalked = false;
            return new List<FtpTreeEntry>(); // (The walk handed the sessions over for the run all the same.)
        }
    }

    /// <summary>Starts connecting the pool's sessions beyond the client (none when one is already spare).</summary>
    private IReadOnlyList<Task<FtpClient>> OpenSpareSessions()
    {
        int wanted;
        lock (_spare) wanted = Math.Min(Sessions, FtpTransferPool.MaxSessions) - 1 - _spare.Count;
        var connect = Connect;
        return Enumerable.Range(0, Math.Max(0, wanted)).Select(_ => Task.Run(() => connect(CancellationToken.None))).ToList();
    }

    private void KeepSpare(FtpClient session)
    {
        lock (_spare)
        {
            if (!_disposed)
            {
                _spare.Push((session, DateTime.UtcNow));
                return;
            }
        }
        session.Dispose();
    }

    /// <summary>The sessions the plan opened that can still be used, taken out of the stash.</summary>
    private List<FtpClient> TakeSpareSessions()
    {
        var usable = new List<FtpClient>();
        while (true)
        {
            (FtpClient Session, DateTime Kept)? spare = null;
            lock (_spare)
            {
                if (_spare.Count > 0) spare = _spare.Pop();
            }
            if (spare is not { } one) return usable;
            if (one.Session.IsConnected && DateTime.UtcNow - one.Kept < SpareSessionLife) usable.Add(one.Session);
            else one.Session.Dispose();
        }
    }

    /// <summary>
    /// A session for the pool: one the plan opened, when there is one still connected and lately used, else a new one.
    /// (A session idle longer, while a user confirmed each change, say, may have been closed by the server meanwhile.)
    /// </summary>
    private Task<FtpClient> TakeSessionAsync(CancellationToken token)
    {
        while (true)
        {
            (FtpClient Session, DateTime Kept)? spare = null;
            lock (_spare)
            {
                if (_spare.Count > 0) spare = _spare.Pop();
            }
            if (spare is not { } one) return Connect(token);
            if (one.Session.IsConnected && DateTime.UtcNow - one.Kept < SpareSessionLife) return Task.FromResult(one.Session);
            one.Session.Dispose();
        }
    }

    /// <summary>How long a session the plan opened is reused by the run; older ones are replaced by new connections.</summary>
    private static readonly TimeSpan SpareSessionLife = TimeSpan.FromSeconds(15);

    private bool _disposed;

    /// <summary>Closes the sessions a plan opened that no run has used (a dry run's, say).</summary>
    public void Dispose()
    {
        lock (_spare) _disposed = true;
        CloseSpareSessions();
    }

    /// <summary>Sessions the pool did not need (fewer files than sessions) are closed once the run is over.</summary>
    private void CloseSpareSessions()
    {
        List<FtpClient> spare;
        lock (_spare)
        {
            spare = _spare.Select(s => s.Session).ToList();
            _spare.Clear();
        }
        foreach (var session in spare) session.Dispose();
    }

    /// <summary>Of the files of equal size, those whose hashes differ: the server's HASH beside the local file's.</summary>
    private async Task<ICollection<string>> DifferingHashesAsync(IReadOnlyList<string> candidates, CancellationToken token)
    {
        var differs = new HashSet<string>(StringComparer.Ordinal);
        if (candidates.Count == 0) return differs;
        var offered = _client.HashAlgorithms;
        if (offered.Count == 0)
            throw new FtpException(FtpErrorKind.NotSupported, "The server does not offer HASH, so files cannot be compared by checksum; mirror without it (size and time).");
        var algorithm = offered[0];
        foreach (var relative in candidates)
        {
            var remote = await _client.GetHashAsync(RemotePathOf(relative), algorithm, token).ConfigureAwait(false);
            var local = await LocalFileHasher.HashFileAsync(LocalPath(relative), algorithm, token).ConfigureAwait(false);
            if (!string.Equals(remote, local, StringComparison.OrdinalIgnoreCase)) differs.Add(relative);
        }
        return differs;
    }

    private string LocalPath(string relative) => Path.Combine(_localRoot, relative.Replace('/', Path.DirectorySeparatorChar));

    private string RemotePathOf(string relative) => RemotePath.Combine(_remoteRoot, relative);
}
