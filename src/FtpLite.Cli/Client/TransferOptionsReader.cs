using FtpLite.Cli.CommandLine;
using FtpLite.Client;

namespace FtpLite.Cli.Client;

/// <summary>--force, --resume, --verify, --recursive and --jobs, shared by put and get.</summary>
internal static class TransferOptionsReader
{
    public static readonly OptionSpec Force = new("--force", null, "replace an existing target (without it, an existing target is refused)", "-f");
    public static readonly OptionSpec Resume = new("--resume", null, "continue a partial target (get: also the kept NAME.ftplite-part): send only the bytes it lacks");
    public static readonly OptionSpec Verify = new("--verify", "CHECK",
        "'hash' (default: compare the server's HASH with a hash taken while the bytes stream; its SIZE where it has no HASH), 'size', or 'none'");

    public static readonly OptionSpec Recursive = new("--recursive", null, "move a folder with everything in it (then: DIR [TARGET-FOLDER])", "-r");
    public static readonly OptionSpec Jobs = new("--jobs", "N", $"move N files at once, each over its own connection (1 to {FtpTransferPool.MaxSessions}; default 1)", "-j");

    public static IReadOnlyList<OptionSpec> Options { get; } = new[] { Force, Resume, Verify, Recursive, Jobs };

    /// <summary>How many sessions move files side by side.</summary>
    public static int ReadJobs(ParsedArguments arguments) => arguments.GetInt(Jobs.Name, 1, FtpTransferPool.MaxSessions, 1);

    public static FtpTransferOptions Read(ParsedArguments arguments) => new()
    {
        Overwrite = arguments.Has(Force.Name),
        Resume = arguments.Has(Resume.Name),
        Verify = ReadVerify(arguments.GetString(Verify.Name)),
    };

    private static FtpVerification ReadVerify(string? value) => value?.ToLowerInvariant() switch
    {
        null or "hash" => FtpVerification.Hash,
        "size" => FtpVerification.Size,
        "none" => FtpVerification.None,
        _ => throw new UsageException($"--verify is 'hash', 'size' or 'none', not '{value}'"),
    };
}
