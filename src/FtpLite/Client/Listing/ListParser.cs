using System.Globalization;
using System.Text.RegularExpressions;
using FtpLite.Client;

namespace FtpLite.Client.Listing;

/// <summary>
/// Reads LIST output in the two forms servers use: Unix "ls -l" (vsftpd, pure-ftpd, ProFTPD, pyftpdlib, our server)
/// and DOS/IIS ("11-24-26  03:04PM       &lt;DIR&gt;          name"). Lines of neither form ("total 12") are skipped.
/// </summary>
public static class ListParser
{
    private static readonly string[] Months = { "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec" };

    private static readonly Regex DosLine = new(
        @"^(?<month>\d{1,2})-(?<day>\d{1,2})-(?<year>\d{2}|\d{4})\s+(?<hour>\d{1,2}):(?<minute>\d{2})\s*(?<ampm>[AaPp][Mm])?\s+(?<size><DIR>|\d+)\s+(?<name>\S.*)$",
        RegexOptions.CultureInvariant);

    /// <summary>Parses a whole listing; <paramref name="utcNow"/> dates the entries that show a time instead of a year.</summary>
    public static IReadOnlyList<FtpListItem> Parse(string text, string directory, DateTime utcNow)
    {
        var items = new List<FtpListItem>();
        foreach (var raw in text.Split('\n'))
        {
            var item = ParseLine(raw.TrimEnd('\r'), directory, utcNow);
            if (item is not null) items.Add(item);
        }
        return items;
    }

    /// <summary>Parses one line; null for "." and "..", headers and lines of an unknown form.</summary>
    public static FtpListItem? ParseLine(string line, string directory, DateTime utcNow)
    {
        if (line.Length == 0) return null;
        var item = char.IsDigit(line[0]) ? ParseDos(line, directory) : ParseUnix(line, directory, utcNow);
        if (item is null || item.Name == "." || item.Name == "..") return null;
        return item;
    }

    private static FtpListItem? ParseUnix(string line, string directory, DateTime utcNow)
    {
        var tokens = Tokenize(line);
        if (tokens.Count < 6 || !IsModeToken(line, tokens[0])) return null;

        // Owner and group are optional and free text, so the date is found by its shape: size, month, day, time or year.
        for (var m = 2; m + 2 < tokens.Count; m++)
        {
            var month = MonthOf(Text(line, tokens[m]));
            if (month == 0) continue;
            if (!long.TryParse(Text(line, tokens[m - 1]), NumberStyles.None, CultureInfo.InvariantCulture, out var size)) continue;
            if (!int.TryParse(Text(line, tokens[m + 1]), NumberStyles.None, CultureInfo.InvariantCulture, out var day) || day < 1 || day > 31) continue;
            var nameStart = tokens[m + 2].End + 1; // ls puts exactly one space before the name, which may begin with spaces of its own.
            if (nameStart >= line.Length) return null;
            if (!TryDate(Text(line, tokens[m + 2]), month, day, utcNow, out var modified)) continue;

            var mode = Text(line, tokens[0]);
            var type = mode[0] switch
            {
                'd' => FtpItemType.Directory,
                '-' => FtpItemType.File,
                'l' => FtpItemType.Link,
                _ => FtpItemType.Other,
            };
            var name = line.Substring(nameStart);
            string? target = null;
            if (type == FtpItemType.Link)
            {
                var arrow = name.IndexOf(" -> ", StringComparison.Ordinal);
                if (arrow > 0)
                {
                    target = name.Substring(arrow + 4);
                    name = name.Substring(0, arrow);
                }
            }
            return new FtpListItem(name, RemotePath.Combine(directory, name), type, size, modified, mode.Substring(1, 9), target);
        }
        return null;
    }

    private static FtpListItem? ParseDos(string line, string directory)
    {
        var match = DosLine.Match(line);
        if (!match.Success) return null;
        var year = Number(match, "year");
        if (year < 100) year += year < 70 ? 2000 : 1900;
        var hour = Number(match, "hour");
        var ampm = match.Groups["ampm"].Value.ToUpperInvariant();
        if (ampm == "PM" && hour < 12) hour += 12;
        if (ampm == "AM" && hour == 12) hour = 0;
        DateTime? modified = null;
        if (IsValidDate(year, Number(match, "month"), Number(match, "day")) && hour < 24 && Number(match, "minute") < 60)
            modified = new DateTime(year, Number(match, "month"), Number(match, "day"), hour, Number(match, "minute"), 0, DateTimeKind.Utc);
        var name = match.Groups["name"].Value;
        var isDirectory = match.Groups["size"].Value == "<DIR>";
        long? size = isDirectory ? null : long.Parse(match.Groups["size"].Value, CultureInfo.InvariantCulture);
        return new FtpListItem(name, RemotePath.Combine(directory, name), isDirectory ? FtpItemType.Directory : FtpItemType.File, size, modified);
    }

    /// <summary>"HH:MM" means within the last year (so a date ahead of now is last year's), "YYYY" is a year at midnight.</summary>
    private static bool TryDate(string text, int month, int day, DateTime utcNow, out DateTime date)
    {
        date = default;
        var colon = text.IndexOf(':');
        if (colon < 0)
        {
            if (text.Length != 4 || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || !IsValidDate(year, month, day)) return false;
            date = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc);
            return true;
        }
        if (!int.TryParse(text.Substring(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var hour) || hour > 23) return false;
        if (!int.TryParse(text.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var minute) || minute > 59) return false;
        var thisYear = utcNow.Year;
        // Servers clocks differ a little from ours: allow a day ahead before deciding the entry is from last year.
        if (IsValidDate(thisYear, month, day))
        {
            date = new DateTime(thisYear, month, day, hour, minute, 0, DateTimeKind.Utc);
            if (date <= utcNow.AddDays(1)) return true;
        }
        if (!IsValidDate(thisYear - 1, month, day)) return false;
        date = new DateTime(thisYear - 1, month, day, hour, minute, 0, DateTimeKind.Utc);
        return true;
    }

    private static bool IsModeToken(string line, (int Start, int End) token)
    {
        var length = token.End - token.Start;
        // Ten characters, plus an optional ACL or SELinux marker ("+", ".", "@").
        if (length < 10 || length > 11) return false;
        if ("-dlbcpsD".IndexOf(line[token.Start]) < 0) return false;
        for (var i = token.Start + 1; i < token.Start + 10; i++)
        {
            if ("rwxsStTlL-".IndexOf(line[i]) < 0) return false;
        }
        return true;
    }

    private static int MonthOf(string text)
    {
        if (text.Length != 3) return 0;
        var index = Array.IndexOf(Months, text.ToLowerInvariant());
        return index + 1;
    }

    private static List<(int Start, int End)> Tokenize(string line)
    {
        var tokens = new List<(int Start, int End)>();
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && line[i] == ' ') i++;
            if (i >= line.Length) break;
            var start = i;
            while (i < line.Length && line[i] != ' ') i++;
            tokens.Add((start, i));
        }
        return tokens;
    }

    private static string Text(string line, (int Start, int End) token) => line.Substring(token.Start, token.End - token.Start);

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    private static bool IsValidDate(int year, int month, int day) =>
        year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
}
