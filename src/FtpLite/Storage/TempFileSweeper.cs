namespace FtpLite.Storage;

/// <summary>
/// Removes upload temporaries nobody will finish: those older than the pending-upload lifetime (a crash's leftovers
/// among them), then the oldest while all of them together exceed the space budget. A file some upload holds open (in
/// this process or another) is never touched. Links are not followed: every folder is swept from its own root.
/// </summary>
internal static class TempFileSweeper
{
    /// <summary>Sweeps the tree under <paramref name="root"/>; returns how many files it removed.</summary>
    public static int Sweep(string root, DateTime nowUtc, TimeSpan lifetime, long budgetBytes)
    {
        var found = new List<FileInfo>();
        Collect(new DirectoryInfo(root), found);
        var removed = 0;
        // Length and time are read once, before any removal: a FileInfo forgets them when its file is deleted.
        var kept = new List<(FileInfo File, long Length, DateTime Time)>();
        foreach (var file in found)
        {
            var (length, time) = (file.Length, file.LastWriteTimeUtc);
            if (nowUtc - time > lifetime && TryRemove(file)) removed++;
            else kept.Add((file, length, time));
        }
        var total = kept.Sum(f => f.Length);
        foreach (var (file, length, _) in kept.OrderBy(f => f.Time))
        {
            if (total <= budgetBytes) break;
            if (!TryRemove(file)) continue;
            total -= length;
            removed++;
        }
        return removed;
    }

    private static void Collect(DirectoryInfo folder, List<FileInfo> found)
    {
        IEnumerable<FileSystemInfo> entries;
        try
        {
            entries = folder.EnumerateFileSystemInfos().ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return; // Gone or closed to us: nothing of ours to sweep there.
        }
        foreach (var entry in entries)
        {
            if ((entry.Attributes & FileAttributes.ReparsePoint) != 0) continue;
            if (entry is DirectoryInfo child) Collect(child, found);
            else if (entry is FileInfo file && TemporaryNames.IsTemporary(file.Name)) found.Add(file);
        }
    }

    private static bool TryRemove(FileInfo file)
    {
        if (TemporaryNames.IsInUse(file.FullName)) return false;
        try
        {
            file.Delete();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
