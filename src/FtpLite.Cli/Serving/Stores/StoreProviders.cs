using FtpLite.Cli.CommandLine;
using FtpLite.Server;

namespace FtpLite.Cli.Serving.Stores;

/// <summary>The kinds of storage "ftplite serve" knows, and the --store option that picks one.</summary>
internal static class StoreProviders
{
    public static readonly IReadOnlyList<IStoreProvider> All = new IStoreProvider[] { new LocalStoreProvider(), new S3StoreProvider() };

    public static readonly OptionSpec Store = new("--store", "KIND",
        "what to serve: " + string.Join(", ", All.Select(p => $"{p.Name} ({p.Summary})")) + $" (default: {All[0].Name})");

    /// <summary>--store and every kind's own options, for the help and the parser.</summary>
    public static IEnumerable<OptionSpec> Options => new[] { Store }.Concat(All.SelectMany(p => p.Options));

    /// <summary>Reads --store and that kind's options into <paramref name="options"/>; another kind's options are refused.</summary>
    public static void Read(ParsedArguments args, Commands.CommandContext context, FtpServerOptions options)
    {
        var name = args.GetString(Store.Name) ?? All[0].Name;
        var provider = All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new UsageException($"--store '{name}' is unknown; choose {string.Join(", ", All.Select(p => p.Name))}");
        foreach (var other in All.Where(p => p != provider))
        {
            foreach (var option in other.Options.Where(o => args.Has(o.Name) && !provider.Options.Contains(o)))
                throw new UsageException($"{option.Name} goes with --store {other.Name}, not --store {provider.Name}");
        }
        options.Store = provider.Create(args, context, options);
    }
}
