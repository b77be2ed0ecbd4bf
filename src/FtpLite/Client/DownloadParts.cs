namespace FtpLite.Client;

/// <summary>
/// Where a download lands until it is complete: "name.ftplite-part" beside the target, visible so a user can see and
/// remove it. An interrupted download keeps it, and a resumed one continues it (as a browser's or BITS' partial file).
/// </summary>
internal static class DownloadParts
{
    public const string Suffix = ".ftplite-part";

    /// <summary>Length of the random id in the hidden part names of earlier versions: ".name.1a2b3c4d.ftplite-part".</summary>
    private const int LegacyIdLength = 8;

    public static string PathFor(string local) => local + Suffix;

    /// <summary>
    /// Earlier versions downloaded into hidden ".name.&lt;id&gt;.ftplite-part" files, and an interrupted run could leave
    /// one behind. When resuming, the longest of them becomes the part (unless a part exists already) and the rest go.
    /// </summary>
    public static void AdoptLeftovers(string local, string part)
    {
        var folder = Path.GetDirectoryName(local)!;
        if (!Directory.Exists(folder)) return;
        var prefix = "." + Path.GetFileName(local) + ".";
        var leftovers = Directory.EnumerateFiles(folder, "*" + Suffix)
            .Select(path => new FileInfo(path))
            .Where(file => file.Name.Length == prefix.Length + LegacyIdLength + Suffix.Length && file.Name.StartsWith(prefix, StringComparison.Ordinal))
            .OrderByDescending(file => file.Length)
            .ToList();
        foreach (var leftover in leftovers)
        {
            if (!File.Exists(part)) File.Move(leftover.FullName, part);
            else TryDelete(leftover.FullName);
        }
    }

    /// <summary>After a failure: a part with bytes is kept for a resume; an empty one helps nobody.</summary>
    public static void KeepOnlyIfUseful(string part)
    {
        try
        {
            if (File.Exists(part) && new FileInfo(part).Length == 0) File.Delete(part);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Visible and named for what it is: the user can remove it.
        }
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Visible and named for what it is: the user can remove it.
        }
    }
}
