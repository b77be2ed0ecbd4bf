namespace FtpLite.Cli.CommandLine;

/// <summary>
/// One option a command accepts: "--name VALUE" (or "--name=VALUE") when <see cref="ValueName"/> is set, a bare flag otherwise.
/// The help text is generated from these, so an option cannot exist without being documented.
/// </summary>
public sealed class OptionSpec
{
    public OptionSpec(string name, string? valueName, string help, string? alias = null)
    {
        if (!name.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException("Option names start with --.", nameof(name));
        if (alias is not null && (alias.Length != 2 || alias[0] != '-' || alias[1] == '-'))
            throw new ArgumentException("An alias is one dash and one letter, like -H.", nameof(alias));
        Name = name;
        ValueName = valueName;
        Help = help;
        Alias = alias;
    }

    public string Name { get; }

    /// <summary>A one-letter short form ("-H"), or null. It is parsed as the long name; "-Hvalue" is not supported.</summary>
    public string? Alias { get; }

    /// <summary>The placeholder shown in help ("N", "DIR"); null for a flag.</summary>
    public string? ValueName { get; }

    public string Help { get; }

    public bool TakesValue => ValueName is not null;

    public string Synopsis => (Alias is null ? "" : Alias + ", ") + (TakesValue ? $"{Name} {ValueName}" : Name);
}
