using System.Globalization;
using System.Text;
using FtpLite.Storage;

namespace FtpLite.Protocol.Listing;

/// <summary>
/// Server-side listing lines: LIST in the `ls -l` form every client parses, and the RFC 3659 facts of MLSD and MLST.
/// </summary>
public static class ListingFormatter
{
    private static readonly TimeSpan SixMonths = TimeSpan.FromDays(180);

    /// <summary>
    /// "drwxr-xr-x    1 ftp      ftp             0 Nov 24 15:30 name"; dates older than six months show the year; a link
    /// to a folder is "lrwxrwxrwx … name -> /target".
    /// </summary>
    public static string FormatUnixLine(FileStoreEntry entry, bool writable, DateTime nowUtc)
    {
        var mode = entry.LinkTarget is not null ? "lrwxrwxrwx"
            : entry.IsDirectory ? (writable ? "drwxr-xr-x" : "dr-xr-xr-x")
            : (writable ? "-rw-r--r--" : "-r--r--r--");
        var time = entry.LastWriteTimeUtc;
        var age = nowUtc - time;
        var when = age < SixMonths && age > -TimeSpan.FromDays(1)
            ? time.ToString("MMM dd HH:mm", CultureInfo.InvariantCulture)
            : time.ToString("MMM dd  yyyy", CultureInfo.InvariantCulture);
        return string.Format(CultureInfo.InvariantCulture, "{0} {1,4} {2,-8} {3,-8} {4,12} {5} {6}",
            mode, entry.IsDirectory ? 2 : 1, "ftp", "ftp", entry.Length, when,
            entry.LinkTarget is null ? entry.Name : entry.Name + " -> " + entry.LinkTarget);
    }

    /// <summary>"type=file;size=12;modify=20261124153000;perm=adfrw; name" (the name after one space, as RFC 3659 7.2 has it).</summary>
    public static string FormatFacts(FileStoreEntry entry, string name, MlstFacts facts, FactPermissions permissions)
    {
        var text = new StringBuilder();
        // A link to a folder as ProFTPD and pure-ftpd write one (RFC 3659 7.5.1 leaves OS-specific types to them).
        if ((facts & MlstFacts.Type) != 0)
            text.Append("type=").Append(entry.LinkTarget is { } target ? "OS.unix=slink:" + target : entry.IsDirectory ? "dir" : "file").Append(';');
        if ((facts & MlstFacts.Size) != 0 && !entry.IsDirectory) text.Append("size=").Append(entry.Length.ToString(CultureInfo.InvariantCulture)).Append(';');
        if ((facts & MlstFacts.Modify) != 0) text.Append("modify=").Append(FormatTime(entry.LastWriteTimeUtc)).Append(';');
        if ((facts & MlstFacts.Perm) != 0) text.Append("perm=").Append(PermFact(entry.IsDirectory, permissions)).Append(';');
        return text.Append(' ').Append(name).ToString();
    }

    /// <summary>The RFC 3659 time-val: "YYYYMMDDHHMMSS" in UTC (MDTM and the modify fact).</summary>
    public static string FormatTime(DateTime utc) => utc.ToUniversalTime().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    private static string PermFact(bool isDirectory, FactPermissions permissions)
    {
        var text = new StringBuilder();
        if (isDirectory)
        {
            if (permissions.CanWrite) text.Append("cmf");
            if (permissions.CanDelete) text.Append("dp");
            if (permissions.CanRead) text.Append("el");
        }
        else
        {
            if (permissions.CanWrite) text.Append("afw");
            if (permissions.CanDelete) text.Append('d');
            if (permissions.CanRead) text.Append('r');
        }
        return text.ToString();
    }
}

/// <summary>The MLST facts a client asked for with OPTS MLST; all by default.</summary>
[Flags]
public enum MlstFacts
{
    None = 0,
    Type = 1,
    Size = 2,
    Modify = 4,
    Perm = 8,
    All = Type | Size | Modify | Perm,
}

/// <summary>What the listing may claim the client can do, for the perm fact.</summary>
public readonly struct FactPermissions
{
    public FactPermissions(bool canRead, bool canWrite, bool canDelete)
    {
        CanRead = canRead;
        CanWrite = canWrite;
        CanDelete = canDelete;
    }

    public bool CanRead { get; }
    public bool CanWrite { get; }
    public bool CanDelete { get; }
}
