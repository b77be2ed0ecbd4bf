using System.Globalization;

namespace FtpLite.Cli.CommandLine;

/// <summary>A command's arguments after parsing: option values by name, flags, and the positional words in order.</summary>
public sealed class ParsedArguments
{
    private readonly Dictionary<string, string?> _options;

    internal ParsedArguments(Dictionary<string, string?> options, IReadOnlyList<string> positionals)
    {
        _options = options;
        Positionals = positionals;
    }

    public IReadOnlyList<string> Positionals { get; }

    public bool Has(string name) => _options.ContainsKey(name);

    public string? GetString(string name) => _options.TryGetValue(name, out var value) ? value : null;

    /// <summary>The option's value as a whole number in [min, max], the default when absent; a usage error otherwise.</summary>
    public int GetInt(string name, int min, int max, int defaultValue)
    {
        var text = GetString(name);
        if (text is null) return defaultValue;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        throw new UsageException($"{name} must be a whole number from {min} to {max}, not '{text}'");
    }
}
