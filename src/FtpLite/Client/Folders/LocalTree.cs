namespace FtpLite.Client;

/// <summary>
/// Walks a local folder tree: each folder's files, then its subfolders, both in ordinal name order, each folder before
/// what is in it. A symbolic link (or junction) to a folder is not followed at all, inside the root or not: it is left
/// out, so a link can neither lead out of the root nor loop. A link to a file is a file (its target's bytes are what a
/// reader gets).
/// </summary>
public static class LocalTree
{
    /// <summary>
    /// The tree under <paramref name="root"/> (not the root itself). Folders nested deeper than
    /// <paramref name="maxDepth"/> levels, and folders that cannot be read, end the walk with a
    /// <see cref="FtpTreeException"/>; use the overload with a handler to go on past them.
    /// </summary>
    public static IEnumerable<FtpTreeEntry> Walk(string root, int maxDepth = FtpClient.DefaultTreeDepth) => Walk(root, maxDepth, onError: null);

    /// <summary>
    /// As <see cref="Walk(string, int)"/>; with <paramref name="onError"/>, a folder too deep or unreadable is handed to it
    /// (and not walked) and the walk goes on.
    /// </summary>
    public static IEnumerable<FtpTreeEntry> Walk(string root, int maxDepth, Action<FtpTreeException>? onError)
    {
        if (string.IsNullOrEmpty(root)) throw new ArgumentException("Give a local folder.", nameof(root));
        TreePath.CheckDepth(maxDepth);
        var full = Path.GetFullPath(root);
        if (!Directory.Exists(full)) throw new DirectoryNotFoundException($"'{full}' is not a folder.");
        return WalkFolder(full, string.Empty, 0, maxDepth, onError);
    }

    private static IEnumerable<FtpTreeEntry> WalkFolder(string folder, string relative, int depth, int maxDepth, Action<FtpTreeException>? onError)
    {
        FileSystemInfo[] entries;
        try
        {
            entries = new DirectoryInfo(folder).GetFileSystemInfos();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            TreePath.Report(FtpTreeException.Unreadable(relative, folder, e), onError);
            yield break;
        }

        var files = new List<FileInfo>();
        var folders = new List<DirectoryInfo>();
        foreach (var entry in entries)
        {
            if (entry is DirectoryInfo sub)
            {
                // A linked folder could lead out of the root or back up the tree: never followed.
                if ((sub.Attributes & FileAttributes.ReparsePoint) == 0) folders.Add(sub);
            }
            else if (entry is FileInfo file)
            {
                files.Add(file);
            }
        }

        foreach (var file in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            long length;
            DateTime written;
            try
            {
                // A dangling link still shows as a file (with the link's own size): opening it finds out.
                if ((file.Attributes & FileAttributes.ReparsePoint) != 0) file.OpenRead().Dispose();
                length = file.Length;
                written = file.LastWriteTimeUtc;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone (or a dangling link) since the folder was read: reported, as any unreadable part.
                TreePath.Report(FtpTreeException.Unreadable(TreePath.Join(relative, file.Name), file.FullName, e), onError);
                continue;
            }
            yield return new FtpTreeEntry(TreePath.Join(relative, file.Name), false, length, written);
        }

        foreach (var sub in folders.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var path = TreePath.Join(relative, sub.Name);
            if (depth + 1 > maxDepth)
            {
                TreePath.Report(FtpTreeException.Deep(path, sub.FullName, maxDepth), onError);
                continue;
            }
            yield return new FtpTreeEntry(path, true, 0, sub.LastWriteTimeUtc);
            foreach (var entry in WalkFolder(sub.FullName, path, depth + 1, maxDepth, onError)) yield return entry;
        }
    }
}
