using FtpLite.Client;

namespace FtpLite.PowerShell;

/// <summary>
/// A remote file or folder as PowerShell users read it, shaped like Get-ChildItem's items: LastWriteTime in local
/// time with LastWriteTimeUtc beside it, Mode as "ls -l" shows it (where the server says), and the MLST perm fact as
/// typed <see cref="FtpLiteRights"/>. The library's <see cref="FtpListItem"/> stays UTC and raw for C# callers.
/// </summary>
public sealed class FtpLiteItem
{
    internal FtpLiteItem(FtpListItem item)
    {
        Item = item;
        var (mode, rights) = SplitPermissions(item);
        Mode = mode;
        Rights = rights;
    }

    /// <summary>The entry's own name, without a folder.</summary>
    public string Name => Item.Name;

    /// <summary>The absolute remote path ("/dir/name"); what Receive-FtpLiteFile and Remove-FtpLiteItem bind to.</summary>
    public string FullName => Item.FullName;

    /// <summary>The folder the item is in ("/dir"); the table view groups by it, as Get-ChildItem's does.</summary>
    public string Directory => RemotePath.GetDirectoryName(Item.FullName) ?? RemotePath.Root;

    public FtpItemType Type => Item.Type;

    /// <summary>Size in bytes, or null when the server did not say.</summary>
    public long? Length => Item.Length;

    /// <summary>Last modification in local time (Kind Local), as Get-ChildItem gives it; null when the server did not say.</summary>
    public DateTime? LastWriteTime => Item.LastWriteTime?.ToLocalTime();

    /// <summary>Last modification in UTC (Kind Utc).</summary>
    public DateTime? LastWriteTimeUtc => Item.LastWriteTime is { } utc ? DateTime.SpecifyKind(utc, DateTimeKind.Utc) : null;

    /// <summary>
    /// "drwxr-xr-x" or "-rw-r--r--", as ls -l and Get-ChildItem's UnixMode show it: from LIST or MLSD's unix.mode fact;
    /// null when the server gave only a perm fact (see <see cref="Rights"/>) or nothing.
    /// </summary>
    public string? Mode { get; }

    /// <summary>What the logged-in user may do, from MLSD's perm fact; null when the server did not send one.</summary>
    public FtpLiteRights? Rights { get; }

    /// <summary>What a symbolic link points to, when the listing shows it.</summary>
    public string? LinkTarget => Item.LinkTarget;

    public bool IsDirectory => Item.IsDirectory;

    public bool IsFile => Item.IsFile;

    internal FtpListItem Item { get; }

    public override string ToString() => FullName;

    /// <summary>
    /// The library keeps one permissions text: nine rwx letters (LIST, unix.mode) or perm-fact letters. Nine rwx-class
    /// letters can never be a perm fact (its letters do not repeat and x, s, t and '-' are not among them).
    /// </summary>
    private static (string? Mode, FtpLiteRights? Rights) SplitPermissions(FtpListItem item)
    {
        var text = item.Permissions;
        if (string.IsNullOrEmpty(text)) return (null, null);
        if (text!.Length == 9 && text.All(c => "rwxsStTl-".IndexOf(c) >= 0))
        {
            var type = item.Type switch
            {
                FtpItemType.Directory => 'd',
                FtpItemType.Link => 'l',
                _ => '-',
            };
            return (type + text, null);
        }
        var rights = FtpLiteRights.None;
        foreach (var letter in text.ToLowerInvariant())
        {
            rights |= letter switch
            {
                'a' => FtpLiteRights.Append,
                'c' => FtpLiteRights.Create,
                'd' => FtpLiteRights.Delete,
                'e' => FtpLiteRights.Enter,
                'f' => FtpLiteRights.Rename,
                'l' => FtpLiteRights.List,
                'm' => FtpLiteRights.MakeDirectory,
                'p' => FtpLiteRights.Purge,
                'r' => FtpLiteRights.Read,
                'w' => FtpLiteRights.Write,
                _ => FtpLiteRights.None,
            };
        }
        return (null, rights);
    }
}
