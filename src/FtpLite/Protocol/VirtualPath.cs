namespace FtpLite.Protocol;

/// <summary>
/// Paths as a client sees them: absolute, '/'-separated, rooted at the account's root. Normalising here,
/// before anything touches the disk, is the first wall of the jail: ".." never climbs above "/".
/// </summary>
public static class VirtualPath
{
    public const string Root = "/";

    /// <summary>
    /// Resolves <paramref name="argument"/> against the current directory <paramref name="current"/>.
    /// Null when the argument holds what no name may hold (NUL, a backslash, a control character).
    /// </summary>
    public static string? Resolve(string current, string argument)
    {
        if (!IsAcceptable(argument)) return null;
        var start = argument.StartsWith("/", StringComparison.Ordinal) ? Root : current;
        var segments = new List<string>();
        foreach (var part in Split(start)) segments.Add(part);
        foreach (var part in Split(argument))
        {
            if (part == ".") continue;
            if (part == "..")
            {
                if (segments.Count > 0) segments.RemoveAt(segments.Count - 1);
                continue;
            }
            segments.Add(part);
        }
        return segments.Count == 0 ? Root : "/" + string.Join("/", segments);
    }

    /// <summary>The parent of a normalised path; "/" for "/".</summary>
    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? Root : path.Substring(0, slash);
    }

    /// <summary>The last segment of a normalised path; empty for "/".</summary>
    public static string Name(string path) => path.Substring(path.LastIndexOf('/') + 1);

    public static string Combine(string directory, string name) =>
        directory.EndsWith("/", StringComparison.Ordinal) ? directory + name : directory + "/" + name;

    /// <summary>The segments of a normalised path.</summary>
    public static string[] Segments(string path) => Split(path).ToArray();

    /// <summary>Quotes a path for a 257 reply: a double quote inside is doubled (RFC 959 appendix II).</summary>
    public static string Quote(string path) => "\"" + path.Replace("\"", "\"\"") + "\"";

    private static IEnumerable<string> Split(string path) =>
        path.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);

    private static bool IsAcceptable(string argument)
    {
        foreach (var c in argument)
        {
            // A backslash is a separator on Windows: it must not sneak a ".." past the normaliser.
            if (c == '\\' || c < ' ' || c == '\u007f') return false;
        }
        return true;
    }
}
