namespace FtpLite.Client;

/// <summary>Deleting a folder tree on the server (rm -r), on the walk of <see cref="FtpClient.WalkFoldersAsync"/>.</summary>
public sealed partial class FtpClient
{
    /// <summary>
    /// Deletes <paramref name="remotePath"/> with everything in it (rm -r); a file (or a link) there is simply deleted.
    /// The tree is walked first (MLSD, else LIST), to at most <paramref name="maxDepth"/> folder levels below it, and
    /// nothing is deleted unless the whole walk succeeds: a folder nested deeper (a link loop, most likely) or one whose
    /// listing the server refuses is an <see cref="FtpTreeException"/>. Then, one command at a time, deepest first and
    /// everything in a folder before the folder: DELE for files, symbolic links and anything else that is not a folder
    /// (a link is deleted as an entry, never walked into), RMD for folders. The first refused command stops the delete
    /// with its <see cref="FtpException"/>, whose message names the path; what was deleted before stays deleted.
    /// Cancellation is checked before each command. The server's root folder "/" is refused
    /// (<see cref="ArgumentException"/>), and a path naming nothing is an <see cref="FtpException"/> (NotFound).
    /// (Servers that show a link to a folder as that folder cannot be told from one; there the link's target is walked,
    /// within the depth bound. Ours lists such a link as a link.)
    /// </summary>
    public async Task DeleteTreeAsync(string remotePath, int maxDepth = DefaultTreeDepth, CancellationToken cancellationToken = default)
    {
        CheckPath(remotePath, nameof(remotePath));
        TreePath.CheckDepth(maxDepth);
        var full = Resolve(remotePath);
        if (full == RemotePath.Root) throw new ArgumentException("The server's root folder '/' cannot be deleted.", nameof(remotePath));

        var item = await GetItemAsync(full, cancellationToken).ConfigureAwait(false)
            ?? throw new FtpException(FtpErrorKind.NotFound, $"'{full}' does not exist.");
        if (!item.IsDirectory)
        {
            await DeleteFileAsync(full, cancellationToken).ConfigureAwait(false);
            return;
        }

        // The walk's order (each folder before what is in it), reversed: what is in a folder before the folder.
        var entries = new List<FtpListItem>();
        var walk = new TreeWalk(maxDepth, onError: null, cancellationToken)
        {
            OnFolder = folder => entries.AddRange(folder.Items.Where(i => !i.IsDirectory)),
            OnEnter = (_, sub) => entries.Add(sub),
        };
        try
        {
            await WalkFolderAsync(walk, full, string.Empty, 0).ConfigureAwait(false);
        }
        catch (FtpTreeException e)
        {
            throw new FtpTreeException(e.RelativePath, $"{e.Message} Nothing under '{full}' was deleted.", e.InnerException ?? e) { TooDeep = e.TooDeep };
        }

        for (var i = entries.Count - 1; i >= 0; i--)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entry = entries[i];
            if (entry.IsDirectory) await DeleteDirectoryAsync(entry.FullName, cancellationToken).ConfigureAwait(false);
            else await DeleteFileAsync(entry.FullName, cancellationToken).ConfigureAwait(false);
        }
        cancellationToken.ThrowIfCancellationRequested();
        await DeleteDirectoryAsync(full, cancellationToken).ConfigureAwait(false);
    }
}
