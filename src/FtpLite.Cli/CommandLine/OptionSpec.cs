namespace FtpLite.Cli.CommandLine;

/// <summary>
/// One option a command accepts: "--name VALUE" (or "--name=VALUE") when <see cref="ValueName"/> is set, a bare flag otherwise.
/// The help text is generated from these, so an option cannot exist without being documented.
/// </summary>
public sealed class OptionSpec
{
    public OptionSpec(string name, string? valueName, string help)
    {
        if (!name.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException("Option names start with --.", nameof(name));
        Name = name;
        ValueName = valueName;
        Help = help;
    }

    public string Name { get; }

    /// <summary>The placeholder shown in help ("N", "DIR"); null for a flag.</summary>
    public string? ValueName { get; }

    public string Help { get; }

    public bool TakesValue => ValueName is not null;

    public string Synopsis => TakesValue ? $"{Name} {ValueName}" : Name;
}
