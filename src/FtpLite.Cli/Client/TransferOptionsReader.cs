using FtpLite.Cli.CommandLine;
using FtpLite.Client;

namespace FtpLite.Cli.Client;

/// <summary>--force and --resume, shared by put and get.</summary>
internal static class TransferOptionsReader
{
    public static readonly OptionSpec Force = new("--force", null, "replace an existing target (without it, an existing target is refused)", "-f");
    public static readonly OptionSpec Resume = new("--resume", null, "continue a partial target: send only the bytes it lacks");

    public static IReadOnlyList<OptionSpec> Options { get; } = new[] { Force, Resume };

    public static FtpTransferOptions Read(ParsedArguments arguments) => new()
    {
        Overwrite = arguments.Has(Force.Name),
        Resume = arguments.Has(Resume.Name),
    };
}
