namespace FtpLite.Cli.CommandLine;

/// <summary>
/// Our own small parser, so the tool has no dependency to defend: "--name value", "--name=value", flags,
/// "-h" for "--help", one-letter aliases ("-H" for "--host"), and "--" to end options. Unknown, repeated or incomplete options are usage errors.
/// </summary>
public static class ArgumentParser
{
    public const string HelpOption = "--help";

    public static ParsedArguments Parse(IReadOnlyList<string> args, IReadOnlyList<OptionSpec> specs)
    {
        var byName = specs.ToDictionary(s => s.Name, StringComparer.Ordinal);
        foreach (var spec in specs.Where(s => s.Alias is not null)) byName.Add(spec.Alias!, spec);
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        var positionals = new List<string>();

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                positionals.AddRange(args.Skip(i + 1));
                break;
            }
            if (arg is "-h" or HelpOption)
            {
                options[HelpOption] = null;
                continue;
            }
            if (!arg.StartsWith("-", StringComparison.Ordinal) || arg == "-")
            {
                positionals.Add(arg);
                continue;
            }

            var equals = arg.IndexOf('=');
            var typed = equals < 0 ? arg : arg.Substring(0, equals);
            if (!byName.TryGetValue(typed, out var spec)) throw new UsageException($"unknown option '{typed}'");
            var name = spec.Name;
            if (options.ContainsKey(name)) throw new UsageException($"{name} is given twice");

            string? value = null;
            if (spec.TakesValue)
            {
                if (equals >= 0) value = arg.Substring(equals + 1);
                else if (i + 1 < args.Count) value = args[++i];
                else throw new UsageException($"{name} needs a value ({spec.ValueName})");
            }
            else if (equals >= 0)
            {
                throw new UsageException($"{name} takes no value");
            }
            options[name] = value;
        }
        return new ParsedArguments(options, positionals);
    }
}
