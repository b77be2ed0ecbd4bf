namespace FtpLite.Client;

/// <summary>Folder trees on the server: walking one (MLSD, else LIST), whole or folder by folder, and making one (mkdir -p).</summary>
public sealed partial class FtpClient
{
    /// <summary>
    /// How many folder levels below their root the tree operations go unless told otherwise (walks, rm -r, mkdir -p's
    /// callers, the local walk): a real tree is far shallower; deeper is a link loop.
    /// </summary>
    public const int DefaultTreeDepth = 64;

    /// <summary>
    /// The tree under <paramref name="remoteRoot"/> (not the root itself): each folder's files, then its subfolders, both
    /// in ordinal name order, each folder before what is in it. Listed with MLSD where offered, else LIST. Entries the
    /// listing shows as symbolic links are left out (not followed, not copied). A folder nested deeper than
    /// <paramref name="maxDepth"/> levels, or one whose listing the server refuses, ends the walk with a
    /// <see cref="FtpTreeException"/> (use the overload with a handler to go on past them); a root that is missing or a
    /// file is an <see cref="FtpException"/> (NotFound), and a lost connection is the client's usual exception.
    /// (A task of the whole list, not an async stream: netstandard2.0 has no IAsyncEnumerable without a dependency;
    /// <see cref="WalkFoldersAsync"/> hands over each folder as it is listed.)
    /// </summary>
    public Task<IReadOnlyList<FtpTreeEntry>> WalkAsync(string remoteRoot, int maxDepth = DefaultTreeDepth, CancellationToken cancellationToken = default) =>
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
        var walk = new TreeWalk(maxDepth, onError, cancellationToken)
        {
            OnFolder = folder =>
            {
                foreach (var file in folder.Items.Where(i => i.IsFile))
                    entries.Add(new FtpTreeEntry(TreePath.Join(folder.RelativePath, file.Name), false, file.Length ?? -1, file.LastWriteTime ?? DateTime.MinValue));
            },
            OnEnter = (path, sub) => entries.Add(new FtpTreeEntry(path, true, 0, sub.LastWriteTime ?? DateTime.MinValue)),
        };
        await WalkFolderAsync(walk, root, string.Empty, 0).ConfigureAwait(false);
        return entries;
    }

    /// <summary>
    /// The tree under <paramref name="remoteRoot"/>, folder by folder, as the listings arrive: the root, then each
    /// subfolder before what is in it, subfolders in ordinal name order (the order of <see cref="WalkAsync(string, int, CancellationToken)"/>).
    /// <paramref name="onFolder"/> gets each folder's whole listing (links included, as entries) before the next folder is
    /// listed, so a caller can show a big tree while it is being walked; it runs on the walk's thread, not the caller's,
    /// and the walk waits for it. Only folders are walked into: a symbolic link never is. The recursion and the depth rule
    /// are the walk's: a folder nested deeper than <paramref name="maxDepth"/> levels below the root, or one whose listing
    /// the server refuses, is not walked and is handed to <paramref name="onError"/> (the walk goes on), or without a
    /// handler ends the walk with that <see cref="FtpTreeException"/>; it still appears in its parent's items. A root that
    /// is missing or a file is an <see cref="FtpException"/> (NotFound).
    /// </summary>
    public async Task WalkFoldersAsync(
        string remoteRoot, int maxDepth, Action<FtpTreeFolder> onFolder, Action<FtpTreeException>? onError, CancellationToken cancellationToken = default)
    {
        if (onFolder is null) throw new ArgumentNullException(nameof(onFolder));
        TreePath.CheckDepth(maxDepth);
        var root = await TreeRootAsync(remoteRoot, cancellationToken).ConfigureAwait(false);
        await WalkFolderAsync(new TreeWalk(maxDepth, onError, cancellationToken) { OnFolder = onFolder }, root, string.Empty, 0).ConfigureAwait(false);
    }

    /// <summary>
    /// The one recursion of the remote walks: lists <paramref name="folder"/>, hands it to the walk's OnFolder, then goes
    /// into each subfolder (not links) in name order that is within the depth bound, telling OnEnter first.
    /// </summary>
    private async Task WalkFolderAsync(TreeWalk walk, string folder, string relative, int depth)
    {
        var (ordered, refused) = await ListTreeFolderAsync(folder, relative, walk.CancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            TreePath.Report(refused, walk.OnError);
            return;
        }

        walk.OnFolder?.Invoke(new FtpTreeFolder(folder, relative, depth, ordered));
        foreach (var sub in ordered.Where(i => i.IsDirectory))
        {
            var path = TreePath.Join(relative, sub.Name);
            if (depth + 1 > walk.MaxDepth)
            {
                TreePath.Report(FtpTreeException.Deep(path, sub.FullName, walk.MaxDepth), walk.OnError);
                continue;
            }
            walk.OnEnter?.Invoke(path, sub);
            await WalkFolderAsync(walk, sub.FullName, path, depth + 1).ConfigureAwait(false);
        }
    }

    /// <summary>What one walk does at each folder: its bound, its handlers, its token.</summary>
    private sealed class TreeWalk
    {
        public TreeWalk(int maxDepth, Action<FtpTreeException>? onError, CancellationToken cancellationToken)
        {
            MaxDepth = maxDepth;
            OnError = onError;
            CancellationToken = cancellationToken;
        }

        public int MaxDepth { get; }

        public Action<FtpTreeException>? OnError { get; }

        public CancellationToken CancellationToken { get; }

        /// <summary>A folder listed: its items, in ordinal name order.</summary>
        public Action<FtpTreeFolder>? OnFolder { get; set; }

        /// <summary>A subfolder about to be listed (its relative path and its entry in the parent's listing).</summary>
        public Action<string, FtpListItem>? OnEnter { get; set; }
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

    /// <summary>
    /// True for a folder (or a symbolic link, taken as the folder it leads to, as mkdir -p takes one), false for
    /// nothing; a file there is an AlreadyExists error.
    /// </summary>
    private async Task<bool> FolderExistsAsync(string path, CancellationToken cancellationToken)
    {
        var item = await GetItemAsync(path, cancellationToken).ConfigureAwait(false);
        if (item is null) return false;
        if (item.IsDirectory || item.Type == FtpItemType.Link) return true;
        throw new FtpException(FtpErrorKind.AlreadyExists, $"'{path}' is a file, so no folder can be made there.");
    }
}
