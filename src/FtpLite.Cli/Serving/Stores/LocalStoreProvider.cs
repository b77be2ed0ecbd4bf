using FtpLite.Cli.CommandLine;
using FtpLite.Server;
using FtpLite.Storage;

namespace FtpLite.Cli.Serving.Stores;

/// <summary>"--store local", the default: a folder on this machine (--root), served by the library's own store.</summary>
internal sealed class LocalStoreProvider : IStoreProvider
{
    public static readonly OptionSpec Root = new("--root", "DIR", "folder to serve (default: the current folder)");

    public string Name => "local";

    public string Summary => "a folder on this machine (--root)";

    public IReadOnlyList<OptionSpec> Options { get; } = new[] { Root };

    public IFileStore? Create(ParsedArguments args, Commands.CommandContext context, FtpServerOptions options)
    {
        options.Root = ReadRoot(args.GetString(Root.Name), context.CurrentDirectory);
        return null; // The server's embedded default: a jailed LocalFileStore on the root, and on each account's own.
    }

    private static string ReadRoot(string? text, string currentDirectory)
    {
        if (text is null) return currentDirectory;
        if (text.Length == 0) throw new UsageException("--root needs a folder");
        var full = Path.GetFullPath(text, currentDirectory);
        if (!Directory.Exists(full)) throw new UsageException($"the folder '{text}' does not exist");
        return full;
    }
}
