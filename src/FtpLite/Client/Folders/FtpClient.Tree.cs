namespace FtpLite.Client;

/// <summary>Folder trees on the server: walking one (MLSD, else LIST) and making one (mkdir -p).</summary>
public sealed partial class FtpClient
{
    /// <summary>
    /// The tree under <paramref name="remoteRoot"/> (not the root itself): each folder's files, then its subfolders, both
    /// in ordinal name order, each folder before what is in it. Listed with MLSD where offered, else LIST. Entries the
    /// listing shows as symbolic links are left out (not followed, not copied). A folder nested deeper than
    /// <paramref name="maxDepth"/> levels, or one whose listing the server refuses, ends the walk with a
    /// <see cref="FtpTreeException"/> (use the overload with a handler to go on past them); a root that is missing or a
    /// file is an <see cref="FtpException"/> (NotFound), and a lost connection is the client's usual exception.
    /// (A task of the whole list, not an async stream: netstandard2.0 has no IAsyncEnumerable without a dependency.)
    /// </summary>
    public Task<IReadOnlyList<FtpTreeEntry>> WalkAsync(string remoteRoot, int maxDepth = 64, CancellationToken cancellationToken = default) =>
        WalkAsync(remoteRoot, maxDepth, onError: null, cancellationToken);

    /// <summary>
    /// As <see cref="WalkAsync(string, int, CancellationToken)"/>; with <paramref name="onError"/>, a folder too deep or
    /// refused by the server is handed to it (and not walked) and the walk goes on.
    /// </summary>
    public async Task<IReadOnlyList<FtpTreeEntry>> WalkAsync(
        string remoteRoot, int maxDepth, Action<FtpTreeException>? onError, CancellationToken cancellationToken = default)
    {
        TreePath.CheckDepth(maxDepth);
        var root = await TreeRootAsync(remoteRoot, cancellationToken).ConfigureAwait(false);
        var entries = new List<FtpTreeEntry>();
        await WalkFolderAsync(root, string.Empty, 0, maxDepth, entries, onError, cancellationToken).ConfigureAwait(false);
        return entries;
    }

    private async Task WalkFolderAsync(
        string folder, string relative, int depth, int maxDepth, List<FtpTreeEntry> entries, Action<FtpTreeException>? onError, CancellationToken cancellationToken)
    {
        var (ordered, refused) = await ListTreeFolderAsync(folder, relative, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            TreePath.Report(refused, onError);
            return;
        }

        foreach (var file in ordered.Where(i => i.IsFile))
        {
            entries.Add(new FtpTreeEntry(TreePath.Join(relative, file.Name), false, file.Length ?? -1, file.LastWriteTime ?? DateTime.MinValue));
        }
        foreach (var sub in ordered.Where(i => i.IsDirectory))
        {
            var path = TreePath.Join(relative, sub.Name);
            if (depth + 1 > maxDepth)
            {
                TreePath.Report(FtpTreeException.Deep(path, sub.FullName, maxDepth), onError);
                continue;
            }
            entries.Add(new FtpTreeEntry(path, true, 0, sub.LastWriteTime ?? DateTime.MinValue));
            await WalkFolderAsync(sub.FullName, path, depth + 1, maxDepth, entries, onError, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The walk's root, absolute; one that is missing or a file is a NotFound <see cref="FtpException"/>.</summary>
    internal async Task<string> TreeRootAsync(string remoteRoot, CancellationToken cancellationToken)
    {
        CheckPath(remoteRoot, nameof(remoteRoot));
        var root = Resolve(remoteRoot);
        var item = await GetItemAsync(root, cancellationToken).ConfigureAwait(false);
        if (item is null || !item.IsDirectory)
            throw new FtpException(FtpErrorKind.NotFound, item is null ? $"'{root}' does not exist." : $"'{root}' is a file, not a folder.");
        return root;
    }

    /// <summary>
    /// One folder of a walk, in ordinal name order; or, when the server answered but will not list it (the session is
    /// fine), the error to report in its place. Anything else (a lost connection) throws.
    /// </summary>
    internal async Task<(IReadOnlyList<FtpListItem> Items, FtpTreeException? Refused)> ListTreeFolderAsync(
        string folder, string relative, CancellationToken cancellationToken)
    {
        try
        {
            var items = await ListAsync(folder, cancellationToken).ConfigureAwait(false);
            return (items.OrderBy(i => i.Name, StringComparer.Ordinal).ToList(), null);
        }
        catch (FtpException e) when (e.Reply is not null && e.Kind is FtpErrorKind.NotFound or FtpErrorKind.PermissionDenied or FtpErrorKind.CommandFailed)
        {
            return (Array.Empty<FtpListItem>(), FtpTreeException.Unreadable(relative, folder, e));
        }
    }

    /// <summary>
    /// Creates a remote folder; with <paramref name="recursive"/>, its missing parents too, and an existing folder is fine
    /// (mkdir -p). A file where a folder should be is an <see cref="FtpException"/> of kind AlreadyExists. Returns the
    /// folder's absolute path.
    /// </summary>
    public async Task<string> CreateDirectoryAsync(string path, bool recursive, CancellationToken cancellationToken = default)
    {
        CheckPath(path);
        if (!recursive) return await CreateDirectoryAsync(path, cancellationToken).ConfigureAwait(false);
        var full = Resolve(path);
        // Up from the folder to the nearest one that exists (usually its parent, in a tree made top-down), then down.
        var missing = new Stack<string>();
        for (var current = full; current != RemotePath.Root && !await FolderExistsAsync(current, cancellationToken).ConfigureAwait(false);)
        {
            missing.Push(current);
            current = RemotePath.GetDirectoryName(current) ?? RemotePath.Root;
        }
        while (missing.Count > 0) await CreateDirectoryAsync(missing.Pop(), cancellationToken).ConfigureAwait(false);
        return full;
    }

    /// <summary>True for a folder, false for nothing; a file there is an AlreadyExists error.</summary>
    private async Task<bool> FolderExistsAsync(string path, CancellationToken cancellationToken)
    {
        var item = await GetItemAsync(path, cancellationToken).ConfigureAwait(false);
        if (item is null) return false;
        if (item.IsDirectory) return true;
        throw new FtpException(FtpErrorKind.AlreadyExists, $"'{path}' is a file, so no folder can be made there.");
    }
}
