using FtpLite.Protocol;

namespace FtpLite.Storage;

/// <summary>
/// Keeps a local store inside its root folder: turns a virtual path into a real one only when every component is a
/// name the platform reads as written, and every symbolic link on the way leads inside the root. The one place that
/// decides what on disk a client may reach.
/// </summary>
internal sealed class Jail
{
    private static readonly bool IsWindows = Path.DirectorySeparatorChar == '\\';

    /// <summary>How paths on this platform compare.</summary>
    internal static readonly StringComparison PathComparison = IsWindows ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private readonly string _rootWithSeparator;
    private readonly Func<string, bool> _hidden;

    /// <param name="root">The folder; it must exist.</param>
    /// <param name="hidden">Names no client may reach (upload temporaries): a path through one names nothing.</param>
    public Jail(string root, Func<string, bool> hidden)
    {
        var full = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        if (full.Length == 0 || (IsWindows && full.EndsWith(":", StringComparison.Ordinal))) full += Path.DirectorySeparatorChar;
        Root = full;
        _rootWithSeparator = full.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? full : full + Path.DirectorySeparatorChar;
        _hidden = hidden;
        if (!Directory.Exists(Root)) throw new DirectoryNotFoundException($"The root folder '{Root}' does not exist.");
    }

    /// <summary>The root folder, as a full path.</summary>
    public string Root { get; }

    /// <summary>
    /// Maps a virtual path to the disk, or throws. Checks every component, not only the result: a link
    /// halfway down ("/inside -> /etc", then "/inside/passwd") is caught where it stands.
    /// </summary>
    public string ToPhysical(string path)
    {
        var physical = Root;
        foreach (var segment in VirtualPath.Segments(path))
        {
            if (!IsValidSegment(segment)) throw new FileStoreException(FileStoreError.InvalidName, $"'{segment}' is not a valid name.");
            if (_hidden(segment)) throw new FileStoreException(FileStoreError.NotFound, "No such file or folder.");
            physical = Path.Combine(physical, segment);
            CheckLink(physical);
        }
        var full = Path.GetFullPath(physical);
        if (!Contains(full)) throw new FileStoreException(FileStoreError.AccessDenied, "Outside the served folder.");
        return full;
    }

    /// <summary>Where a link found in a listing leads, when that is inside the root; null to leave it out.</summary>
    public string? LinkTargetInside(string linkPath)
    {
        var target = LinkResolver.FinalTarget(linkPath);
        return target is not null && Contains(target) ? target : null;
    }

    /// <summary>
    /// Where <paramref name="physical"/> (from <see cref="ToPhysical"/>) leads as a virtual path, when it is a symbolic
    /// link to a folder inside the root; null for anything else.
    /// </summary>
    public string? FolderLinkTarget(string physical)
    {
        if (!IsLink(physical)) return null;
        var target = LinkTargetInside(physical);
        return target is not null && Directory.Exists(target) ? ToVirtual(target) : null;
    }

    /// <summary>The virtual path of a full path inside the root.</summary>
    public string ToVirtual(string fullPath)
    {
        var relative = fullPath.Length <= _rootWithSeparator.Length ? string.Empty : fullPath.Substring(_rootWithSeparator.Length);
        return "/" + relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <summary>
    /// What a write to <paramref name="physical"/> (from <see cref="ToPhysical"/>) replaces: a link is followed to its
    /// target, which ToPhysical has found inside the root.
    /// </summary>
    public static string WriteTarget(string physical)
    {
        if (!IsLink(physical)) return physical;
        return LinkResolver.FinalTarget(physical) ?? physical;
    }

    /// <summary>True when a full path is the root or lies below it.</summary>
    public bool Contains(string fullPath) =>
        string.Equals(fullPath.TrimEnd(Path.DirectorySeparatorChar), Root.TrimEnd(Path.DirectorySeparatorChar), PathComparison)
        || fullPath.StartsWith(_rootWithSeparator, PathComparison);

    private void CheckLink(string physical)
    {
        if (!IsLink(physical)) return;
        var target = LinkResolver.FinalTarget(physical);
        if (target is null || !Contains(target))
            throw new FileStoreException(FileStoreError.AccessDenied, "A link that leads outside the served folder.");
    }

    /// <summary>True when the last component of <paramref name="physical"/> is a symbolic link (or another reparse point).</summary>
    public static bool IsLink(string physical)
    {
        try
        {
            return (File.GetAttributes(physical) & FileAttributes.ReparsePoint) != 0;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false; // Nothing there yet: a name about to be created.
        }
    }

    private static bool IsValidSegment(string segment)
    {
        if (segment.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0) return false;
        if (!IsWindows) return true;
        // Windows would read these as a drive, an alternate data stream, a device or a trimmed name.
        if (segment.IndexOfAny(WindowsReserved) >= 0 || segment.EndsWith(".", StringComparison.Ordinal) || segment.EndsWith(" ", StringComparison.Ordinal)) return false;
        var stem = segment.Split('.')[0].ToUpperInvariant();
        return !WindowsDevices.Contains(stem);
    }

    private static readonly char[] WindowsReserved = { ':', '*', '?', '"', '<', '>', '|' };

    private static readonly HashSet<string> WindowsDevices = new(StringComparer.Ordinal)
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };
}
