using System.Collections.Concurrent;

namespace FtpLite.Client;

/// <summary>
/// <see cref="FtpClient.WalkAsync(string, int, Action{FtpTreeException}, CancellationToken)"/> over several sessions at
/// once: each session lists the next folder waiting, and the folders it finds wait for the next free session. The
/// entries come back exactly as the one-session walk gives them (same order, same errors in the same places): the
/// listings are gathered first and the tree is read out of them in the walk's order.
/// </summary>
internal sealed class ParallelTreeWalk
{
    private readonly string _root;
    private readonly int _maxDepth;
    private readonly ConcurrentQueue<Folder> _waiting = new();
    private readonly ConcurrentDictionary<string, Listed> _listed = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _ready = new(0);
    private int _unfinished;
    private volatile bool _done;

    private ParallelTreeWalk(string root, int maxDepth)
    {
        _root = root;
        _maxDepth = maxDepth;
    }

    /// <param name="lead">The caller's session: it checks the root and lists from the start; its failures end the walk.</param>
    /// <param name="helpers">
    /// More sessions, joining as they connect. One that fails to connect takes no part; one that breaks hands its folder
    /// back to the others and leaves (it is then disposed and left out of <paramref name="usable"/>).
    /// </param>
    /// <param name="remoteRoot">The folder walked, as for the one-session walk (missing or a file: NotFound).</param>
    /// <param name="maxDepth">Folder levels walked at most; deeper ones are reported, not walked.</param>
    /// <param name="onError">Takes each folder not walked (the walk goes on); without it, the first in walk order throws.</param>
    /// <param name="cancellationToken">Ends every session's listing; the walk then throws.</param>
    /// <param name="usable">Receives each helper that is still connected when the walk ends, for the caller to reuse.</param>
    public static async Task<IReadOnlyList<FtpTreeEntry>> WalkAsync(
        FtpClient lead, IReadOnlyList<Task<FtpClient>> helpers, string remoteRoot, int maxDepth, Action<FtpTreeException>? onError,
        Action<FtpClient>? usable, CancellationToken cancellationToken)
    {
        string root;
        try
        {
            TreePath.CheckDepth(maxDepth);
            root = await lead.TreeRootAsync(remoteRoot, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // No walk: each helper goes to the caller as it connects, as it would have after a walk.
            foreach (var helper in helpers) _ = HandOverAsync(helper, usable);
            throw;
        }
        var walk = new ParallelTreeWalk(root, maxDepth);
        walk.Add(new Folder(root, string.Empty, 0));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var workers = new List<Task> { walk.LeadAsync(lead, stop) };
        workers.AddRange(helpers.Select(h => walk.HelperAsync(h, usable, stop.Token)));
        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        finally
        {
            walk._done = true;
            walk._ready.Release(workers.Count);
        }
        cancellationToken.ThrowIfCancellationRequested();
        var entries = new List<FtpTreeEntry>();
        walk.ReadOut(string.Empty, 0, entries, onError);
        return entries;
    }

    private static async Task HandOverAsync(Task<FtpClient> connecting, Action<FtpClient>? usable)
    {
        try
        {
            var helper = await connecting.ConfigureAwait(false);
            if (usable is not null) usable(helper);
            else helper.Dispose();
        }
        catch (Exception)
        {
            // Never connected: nothing to hand over.
        }
    }

    private async Task LeadAsync(FtpClient lead, CancellationTokenSource stop)
    {
        try
        {
            await WorkAsync(lead, stop.Token).ConfigureAwait(false);
        }
        catch
        {
            // The caller's session broke (or was cancelled): the walk cannot finish; the helpers stop too.
            stop.Cancel();
            throw;
        }
    }

    private async Task HelperAsync(Task<FtpClient> connecting, Action<FtpClient>? usable, CancellationToken token)
    {
        FtpClient helper;
        try
        {
            helper = await connecting.ConfigureAwait(false);
        }
        catch (Exception)
        {
            return; // No session: the others walk without it (the caller's connect will say why, if it matters).
        }
        var healthy = false;
        try
        {
            healthy = await WorkAsync(helper, token).ConfigureAwait(false);
        }
        catch (Exception) when (!token.IsCancellationRequested)
        {
            // Broke mid-listing: its folder is back in the queue; the others finish the walk.
        }
        catch (OperationCanceledException)
        {
            // The walk was cancelled (or the lead broke): the lead's task says which.
        }
        finally
        {
            if (healthy && helper.IsConnected) usable?.Invoke(helper);
            else helper.Dispose();
        }
    }

    /// <summary>Lists folders until none is left; false when this session broke (its folder was handed back).</summary>
    private async Task<bool> WorkAsync(FtpClient session, CancellationToken token)
    {
        while (!_done)
        {
            await _ready.WaitAsync(token).ConfigureAwait(false);
            if (!_waiting.TryDequeue(out var folder)) return true; // The walk is over.
            (IReadOnlyList<FtpListItem> Items, FtpTreeException? Refused) listing;
            try
            {
                listing = await session.ListTreeFolderAsync(folder.Path, folder.Relative, token).ConfigureAwait(false);
            }
            catch (Exception) when (!token.IsCancellationRequested)
            {
                Hand(folder);
                throw;
            }
            _listed[folder.Relative] = new Listed(listing.Items, listing.Refused);
            if (listing.Refused is null)
            {
                foreach (var sub in listing.Items.Where(i => i.IsDirectory && folder.Depth + 1 <= _maxDepth))
                    Add(new Folder(sub.FullName, TreePath.Join(folder.Relative, sub.Name), folder.Depth + 1));
            }
            if (Interlocked.Decrement(ref _unfinished) == 0)
            {
                _done = true;
                _ready.Release(int.MaxValue / 2);
            }
        }
        return true;
    }

    private void Add(Folder folder)
    {
        Interlocked.Increment(ref _unfinished);
        _waiting.Enqueue(folder);
        _ready.Release();
    }

    /// <summary>A folder whose session broke mid-listing: back in the queue for another (still unfinished).</summary>
    private void Hand(Folder folder)
    {
        _waiting.Enqueue(folder);
        _ready.Release();
    }

    /// <summary>The one-session walk's order: a folder's files, then each subfolder followed by what is in it.</summary>
    private void ReadOut(string relative, int depth, List<FtpTreeEntry> entries, Action<FtpTreeException>? onError)
    {
        var listed = _listed[relative];
        if (listed.Refused is not null)
        {
            TreePath.Report(listed.Refused, onError);
            return;
        }
        foreach (var file in listed.Items.Where(i => i.IsFile))
            entries.Add(new FtpTreeEntry(TreePath.Join(relative, file.Name), false, file.Length ?? -1, file.LastWriteTime ?? DateTime.MinValue));
        foreach (var sub in listed.Items.Where(i => i.IsDirectory))
        {
            var path = TreePath.Join(relative, sub.Name);
            if (depth + 1 > _maxDepth)
            {
                TreePath.Report(FtpTreeException.Deep(path, sub.FullName, _maxDepth), onError);
                continue;
            }
            entries.Add(new FtpTreeEntry(path, true, 0, sub.LastWriteTime ?? DateTime.MinValue));
            ReadOut(path, depth + 1, entries, onError);
        }
    }

    private readonly struct Folder
    {
        public Folder(string path, string relative, int depth)
        {
            Path = path;
            Relative = relative;
            Depth = depth;
        }

        public string Path { get; }
        public string Relative { get; }
        public int Depth { get; }
    }

    private sealed class Listed
    {
        public Listed(IReadOnlyList<FtpListItem> items, FtpTreeException? refused)
        {
            Items = items;
            Refused = refused;
        }

        public IReadOnlyList<FtpListItem> Items { get; }
        public FtpTreeException? Refused { get; }
    }
}
