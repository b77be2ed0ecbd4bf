using FtpLite.Protocol;

namespace FtpLite.Client;

/// <summary>
/// A mirror's excludes and includes (<see cref="FtpMirrorOptions.Exclude"/>): a path is excluded when it or a folder
/// above it matches an exclude; a file is included when there are no includes, or it or a folder above it matches one.
/// </summary>
internal sealed class MirrorFilter
{
    private readonly List<Pattern> _exclude;
    private readonly List<Pattern> _include;

    public MirrorFilter(IEnumerable<string> exclude, IEnumerable<string> include)
    {
        _exclude = exclude.Select(Pattern.Parse).ToList();
        _include = include.Select(Pattern.Parse).ToList();
    }

    public bool HasIncludes => _include.Count > 0;

    public bool IsExcluded(string relativePath, bool isDirectory) => AnyLevelMatches(_exclude, relativePath, isDirectory);

    public bool IsIncluded(string relativePath) => _include.Count == 0 || AnyLevelMatches(_include, relativePath, isDirectory: false);

    private static bool AnyLevelMatches(List<Pattern> patterns, string relativePath, bool isDirectory)
    {
        if (patterns.Count == 0) return false;
        var segments = relativePath.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var levelIsFolder = i < segments.Length - 1 || isDirectory;
            var prefix = i == segments.Length - 1 ? relativePath : string.Join("/", segments, 0, i + 1);
            if (patterns.Any(p => p.Matches(prefix, segments[i], levelIsFolder))) return true;
        }
        return false;
    }

    private sealed class Pattern
    {
        private readonly string _text;
        private readonly bool _foldersOnly;
        private readonly bool _anchored;

        private Pattern(string text, bool foldersOnly, bool anchored)
        {
            _text = text;
            _foldersOnly = foldersOnly;
            _anchored = anchored;
        }

        public static Pattern Parse(string pattern)
        {
            if (string.IsNullOrWhiteSpace(pattern)) throw new ArgumentException("An exclude or include pattern cannot be empty.", nameof(pattern));
            var text = pattern.Replace('\\', '/');
            var foldersOnly = text.EndsWith("/", StringComparison.Ordinal);
            text = text.Trim('/');
            if (text.Length == 0) throw new ArgumentException($"'{pattern}' names no file or folder.", nameof(pattern));
            return new Pattern(text, foldersOnly, anchored: text.IndexOf('/') >= 0);
        }

        public bool Matches(string path, string name, bool isFolder) =>
            (!_foldersOnly || isFolder) && Wildcard.IsMatch(_anchored ? path : name, _text);
    }
}
