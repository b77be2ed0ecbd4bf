using FtpLite.Protocol;

namespace FtpLite.Client;

/// <summary>What a server announced in its FEAT reply (RFC 2389): one feature per line, a name and optional parameters.</summary>
public sealed class FtpFeatures
{
    private readonly Dictionary<string, string> _features;

    private FtpFeatures(Dictionary<string, string> features) => _features = features;

    /// <summary>A server that answered FEAT with an error: no extensions are assumed.</summary>
    public static FtpFeatures None { get; } = new(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));

    /// <summary>The feature names, upper-case as announced.</summary>
    public IEnumerable<string> Names => _features.Keys;

    public bool Supports(string feature) => _features.ContainsKey(feature);

    /// <summary>The text after the feature name ("type*;size*;" for MLST), or null when the feature is absent.</summary>
    public string? ParametersOf(string feature) => _features.TryGetValue(feature, out var value) ? value : null;

    public bool Mlst => Supports("MLST");
    public bool Size => Supports("SIZE");
    public bool Mdtm => Supports("MDTM");

    /// <summary>MFMT (draft-somers-ftp-mfxx): the client may set a file's modification time.</summary>
    public bool Mfmt => Supports("MFMT");
    public bool Utf8 => Supports("UTF8");
    public bool Epsv => Supports("EPSV");

    /// <summary>"REST STREAM": REST may precede STOR as well as RETR (RFC 3659 section 5).</summary>
    public bool RestStream => string.Equals(ParametersOf("REST")?.Trim(), "STREAM", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses a 211 FEAT reply; its first and last lines are headers, each line between names one feature.</summary>
    public static FtpFeatures Parse(FtpReply reply)
    {
        var features = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!reply.IsSuccess) return new FtpFeatures(features);
        for (var i = 1; i < reply.Lines.Count - 1; i++)
        {
            var line = reply.Lines[i].Trim();
            if (line.Length == 0) continue;
            var space = line.IndexOf(' ');
            var name = (space < 0 ? line : line.Substring(0, space)).ToUpperInvariant();
            var parameters = space < 0 ? string.Empty : line.Substring(space + 1).Trim();
            features[name] = parameters;
        }
        return new FtpFeatures(features);
    }
}
