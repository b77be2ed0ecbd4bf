using System.Runtime.InteropServices;

namespace FtpLite.Storage;

/// <summary>
/// Where an open file is now. A folder renamed during an upload carries the upload's temporary file with it, and the
/// path it was opened under names nothing (or something else); Linux tells the current path through /proc/self/fd.
/// </summary>
internal static class OpenFilePath
{
    private static readonly bool IsLinux = RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

    /// <summary>The file's current full path; null where it cannot be told (not Linux) or the file was deleted.</summary>
    public static string? Of(FileStream stream)
    {
        var link = ProcLink(stream);
        if (link is null) return null;
        var target = LinkResolver.LinkText(link);
        return target is null || target.EndsWith(" (deleted)", StringComparison.Ordinal) ? null : target;
    }

    /// <summary>
    /// False when <paramref name="path"/> no longer names the open file (moved away, or another file in its place); true
    /// when it does or when that cannot be told. Compared by inode, not by path text: a root reached through a link
    /// has another spelling in /proc.
    /// </summary>
    public static bool IsStillAt(FileStream stream, string path)
    {
        var link = ProcLink(stream);
        if (link is null || !UnixFiles.TryStat(link, out var open)) return true;
        return UnixFiles.TryStat(path, out var named) && named.IsSameFile(open);
    }

    private static string? ProcLink(FileStream stream)
    {
        if (!IsLinux) return null;
        try
        {
            var fd = stream.SafeFileHandle.DangerousGetHandle().ToInt64();
            return "/proc/self/fd/" + fd.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (ObjectDisposedException)
        {
            return null;
        }
    }
}
