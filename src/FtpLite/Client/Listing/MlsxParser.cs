using System.Globalization;
using FtpLite.Client;

namespace FtpLite.Client.Listing;

/// <summary>
/// Reads RFC 3659 fact lines, as MLSD sends one per entry and MLST one in its reply:
/// "type=file;size=6;modify=20240105120000;perm=radfw; name". Facts hold no spaces, so the first space ends them.
/// </summary>
public static class MlsxParser
{
    /// <summary>Parses an MLSD listing; "." and ".." (cdir, pdir) and lines that are not fact lines are left out.</summary>
    public static IReadOnlyList<FtpListItem> ParseListing(string text, string directory)
    {
        var items = new List<FtpListItem>();
        foreach (var raw in text.Split('\n'))
        {
            var item = ParseLine(raw.TrimEnd('\r'), directory);
            if (item is not null) items.Add(item);
        }
        return items;
    }

    /// <summary>
    /// Parses one fact line. The name may be a bare name (MLSD) or a path (MLST); <see cref="FtpListItem.FullName"/>
    /// is it resolved against <paramref name="directory"/>. Null for cdir/pdir and malformed lines.
    /// </summary>
    public static FtpListItem? ParseLine(string line, string directory) => Parse(line, directory, folderMarkersAreItems: false);

    private static FtpListItem? Parse(string line, string directory, bool folderMarkersAreItems)
    {
        // MLST's fact line starts with one space; an entry without facts is " name".
        if (line.StartsWith(" ", StringComparison.Ordinal)) line = line.Substring(1);
        var space = line.IndexOf(' ');
        if (space < 0 || space == line.Length - 1) return null;
        var name = line.Substring(space + 1);
        var facts = ParseFacts(line.Substring(0, space));

        var type = FtpItemType.File;
        string? linkTarget = null;
        if (facts.TryGetValue("type", out var typeFact))
        {
            if (string.Equals(typeFact, "cdir", StringComparison.OrdinalIgnoreCase) || string.Equals(typeFact, "pdir", StringComparison.OrdinalIgnoreCase))
            {
                if (!folderMarkersAreItems) return null;
                type = FtpItemType.Directory;
            }
            else type = TypeOf(typeFact, out linkTarget);
        }

        long? length = null;
        if ((facts.TryGetValue("size", out var size) || facts.TryGetValue("sizd", out size)) &&
            long.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var parsedSize))
            length = parsedSize;

        DateTime? modified = facts.TryGetValue("modify", out var modify) ? ParseTimeValue(modify) : null;
        var permissions = facts.TryGetValue("unix.mode", out var mode) ? UnixMode.ToSymbolic(mode) : null;
        if (permissions is null && facts.TryGetValue("perm", out var perm)) permissions = perm;

        var fullName = RemotePath.Resolve(directory, name);
        // "." and ".." name no item of their own: the folder they resolve to does.
        var last = RemotePath.GetFileName(name);
        var shortName = last == "." || last == ".." ? RemotePath.GetFileName(fullName) : last;
        if (shortName.Length == 0) shortName = fullName == RemotePath.Root ? RemotePath.Root : name;
        return new FtpListItem(shortName, fullName, type, length, modified, permissions, linkTarget);
    }

    /// <summary>
    /// Parses MLST's fact line: the item it names. Unlike in a listing, cdir and pdir are that item, a folder:
    /// pure-ftpd answers "MLST ." with type=cdir and "MLST /" with type=pdir (its root is its own parent).
    /// </summary>
    public static FtpListItem? ParseItem(string line, string directory) => Parse(line, directory, folderMarkersAreItems: true);

    /// <summary>Parses RFC 3659's time-val, "YYYYMMDDHHMMSS" with optional ".sss", always UTC.</summary>
    public static DateTime? ParseTimeValue(string value)
    {
        value = value.Trim();
        var dot = value.IndexOf('.');
        var whole = dot < 0 ? value : value.Substring(0, dot);
        if (!DateTime.TryParseExact(whole, "yyyyMMddHHmmss", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
            return null;
        if (dot >= 0)
        {
            var fraction = value.Substring(dot + 1);
            if (fraction.Length > 0 && fraction.Length <= 7 && fraction.All(char.IsDigit))
                time = time.AddTicks(long.Parse(fraction.PadRight(7, '0'), CultureInfo.InvariantCulture));
        }
        return DateTime.SpecifyKind(time, DateTimeKind.Utc);
    }

    private static Dictionary<string, string> ParseFacts(string text)
    {
        var facts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var fact in text.Split(';'))
        {
            var equals = fact.IndexOf('=');
            if (equals <= 0) continue;
            facts[fact.Substring(0, equals)] = fact.Substring(equals + 1);
        }
        return facts;
    }

    private static FtpItemType TypeOf(string fact, out string? linkTarget)
    {
        linkTarget = null;
        if (string.Equals(fact, "file", StringComparison.OrdinalIgnoreCase)) return FtpItemType.File;
        if (string.Equals(fact, "dir", StringComparison.OrdinalIgnoreCase)) return FtpItemType.Directory;
        // ProFTPD and others: "OS.unix=slink:/target" or "OS.unix=symlink".
        if (fact.StartsWith("OS.unix=slink", StringComparison.OrdinalIgnoreCase) || fact.StartsWith("OS.unix=symlink", StringComparison.OrdinalIgnoreCase))
        {
            var colon = fact.IndexOf(':');
            if (colon >= 0 && colon < fact.Length - 1) linkTarget = fact.Substring(colon + 1);
            return FtpItemType.Link;
        }
        return FtpItemType.Other;
    }
}
