using FtpLite.Cli.Client;
using FtpLite.Cli.CommandLine;
using FtpLite.Client;

namespace FtpLite.Cli.Commands;

/// <summary>"ftplite rm [-r] PATH...": deletes remote files and empty folders; with -r, folders with all they hold.</summary>
public sealed class RmCommand : ICommand
{
    private static readonly OptionSpec Recursive = new("--recursive", null, "delete folders with everything in them", "-r");

    public string Name => "rm";

    public string Summary => "Delete remote files or folders.";

    public string Usage => "-H HOST [options] [-r] PATH...";

    public IReadOnlyList<OptionSpec> Options { get; } = ClientOptionsReader.WithHostOption.Append(Recursive).ToArray();

    public string Details =>
        "Deletes each PATH; an empty folder is removed, a folder with contents is refused unless -r. With -r,\n" +
        "a folder goes with everything in it: walked first (64 levels at most; deeper, or a folder the server\n" +
        "will not list, and nothing is deleted), then deleted deepest first, files before their folder;\n" +
        "symbolic links the listing shows are deleted, never followed. The first refused delete stops that\n" +
        "PATH and names what failed; what was deleted stays deleted. The root folder '/' is never deleted.\n" +
        "A failure is reported and the next path is tried; the exit code is the first failure's.\n" +
        ExitCodes.ClientHelp;

    public async Task<int> RunAsync(ParsedArguments arguments, CommandContext context)
    {
        var paths = arguments.Positionals;
        if (paths.Count == 0) throw new UsageException("name at least one remote path to delete");
        if (paths.Any(p => p.Length == 0)) throw new UsageException("a path is empty");
        var recursive = arguments.Has(Recursive.Name);
        if (recursive && paths.FirstOrDefault(p => RemotePath.IsAbsolute(p) && RemotePath.Resolve(RemotePath.Root, p) == RemotePath.Root) is { } root)
            throw new UsageException($"rm -r does not delete the server's root folder ('{root}')");
        var options = ClientOptionsReader.Read(arguments, context);

        return await ClientRunner.RunEachAsync(options, context, paths,
            (client, path, cancel) => recursive ? client.DeleteTreeAsync(path, FtpClient.DefaultTreeDepth, cancel) : DeleteAsync(client, path, cancel, suggestRecursive: true)).ConfigureAwait(false);
    }

    /// <summary>
    /// DELE or RMD. A folder with contents is refused as such (exit 1), not as the server's 550 (which reads as "not
    /// found"); <paramref name="suggestRecursive"/> adds that -r would delete it.
    /// </summary>
    internal static async Task DeleteAsync(FtpClient client, string path, CancellationToken cancel, bool suggestRecursive = false)
    {
        var item = await client.GetItemAsync(path, cancel).ConfigureAwait(false)
            ?? throw new FtpException(FtpErrorKind.NotFound, $"no such file or folder on the server: '{path}'");
        if (!item.IsDirectory)
        {
            await client.DeleteFileAsync(path, cancel).ConfigureAwait(false);
            return;
        }
        try
        {
            await client.DeleteDirectoryAsync(path, cancel).ConfigureAwait(false);
        }
        catch (FtpException e) when (e.Reply is not null && client.IsConnected)
        {
            if ((await client.ListAsync(path, cancel).ConfigureAwait(false)).Count == 0) throw;
            var advice = suggestRecursive ? "; rm -r deletes it with everything in it" : "";
            throw new FtpException(FtpErrorKind.CommandFailed, $"'{path}' is not empty{advice}", e.Reply, e);
        }
    }
}
