namespace FtpLite.Client;

/// <summary>One entry of a remote directory, from MLSD/MLST facts or a LIST line.</summary>
public sealed class FtpListItem
{
    public FtpListItem(
        string name,
        string fullName,
        FtpItemType type,
        long? length = null,
        DateTime? lastWriteTime = null,
        string? permissions = null,
        string? linkTarget = null)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        FullName = fullName ?? throw new ArgumentNullException(nameof(fullName));
        Type = type;
        Length = length;
        LastWriteTime = lastWriteTime;
        Permissions = permissions;
        LinkTarget = linkTarget;
    }

    /// <summary>The entry's own name, without a directory.</summary>
    public string Name { get; }

    /// <summary>The absolute remote path ("/dir/name").</summary>
    public string FullName { get; }

    public FtpItemType Type { get; }

    /// <summary>Size in bytes, or null when the server did not say.</summary>
    public long? Length { get; }

    /// <summary>Last modification, in UTC, or null when the server did not say.</summary>
    public DateTime? LastWriteTime { get; }

    /// <summary>"rw-r--r--" from LIST or unix.mode, else MLSD's perm fact ("adfrw"), else null.</summary>
    public string? Permissions { get; }

    /// <summary>What a symbolic link points to, when the listing shows it.</summary>
    public string? LinkTarget { get; }

    public bool IsDirectory => Type == FtpItemType.Directory;

    public bool IsFile => Type == FtpItemType.File;

    /// <summary>The same entry under another directory; the parsers work on names, the client knows the directory.</summary>
    internal FtpListItem WithFullName(string fullName) =>
        new(Name, fullName, Type, Length, LastWriteTime, Permissions, LinkTarget);

    public override string ToString() => FullName;
}
