using System.Management.Automation;

namespace FtpLite.PowerShell.Infrastructure;

/// <summary>Finds the calling session's servers by name (with wildcards) or id, as Get-Job and Stop-Job do.</summary>
internal static class ServerLookup
{
    /// <summary>
    /// Servers matching any of <paramref name="names"/>, each once, by id. A name without wildcards that matches
    /// nothing is reported to <paramref name="notFound"/>; a pattern that matches nothing is not an error.
    /// </summary>
    public static IReadOnlyList<FtpLiteServer> ByName(IEnumerable<string>? names, Action<string> notFound)
    {
        var running = ServerRegistry.OwnedByCurrent();
        if (names is null) return running;

        var found = new List<FtpLiteServer>();
        foreach (var name in names)
        {
            var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
            var matches = running.Where(s => pattern.IsMatch(s.Name)).ToArray();
            if (matches.Length == 0 && !WildcardPattern.ContainsWildcardCharacters(name)) notFound(name);
            found.AddRange(matches);
        }
        return found.Distinct().OrderBy(s => s.Id).ToArray();
    }

    /// <summary>Servers with any of <paramref name="ids"/>, each once; an id that matches nothing goes to <paramref name="notFound"/>.</summary>
    public static IReadOnlyList<FtpLiteServer> ById(IEnumerable<int> ids, Action<int> notFound)
    {
        var running = ServerRegistry.OwnedByCurrent();
        var found = new List<FtpLiteServer>();
        foreach (var id in ids)
        {
            var match = running.FirstOrDefault(s => s.Id == id);
            if (match is null) notFound(id);
            else found.Add(match);
        }
        return found.Distinct().OrderBy(s => s.Id).ToArray();
    }
}
