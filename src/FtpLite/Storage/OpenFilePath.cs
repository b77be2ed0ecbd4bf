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
        if (!IsLinux) return null;
        try
        {
            var fd = stream.SafeFileHandle.DangerousGetHandle().ToInt64();
            var target = LinkResolver.LinkText("/proc/self/fd/" + fd.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return target is null || target.EndsWith(" (deleted)", StringComparison.Ordinal) ? null : target;
        }
        catch (ObjectDisposedException)
        {
            return null;
        }
    }
}
