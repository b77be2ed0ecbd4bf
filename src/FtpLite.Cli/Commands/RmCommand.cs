using FtpLite.Cli.Client;
using FtpLite.Cli.CommandLine;
using FtpLite.Client;

namespace FtpLite.Cli.Commands;

/// <summary>"ftplite rm PATH...": deletes remote files (and empty folders).</summary>
public sealed class RmCommand : ICommand
{
    public string Name => "rm";

    public string Summary => "Delete remote files or empty folders.";

    public string Usage => "-H HOST [options] PATH...";

    public IReadOnlyList<OptionSpec> Options { get; } = ClientOptionsReader.WithHostOption;

    public string Details =>
        "Deletes each PATH; an empty folder is removed, a folder with contents is refused. A failure is\n" +
        "reported and the next path is tried; the exit code is the first failure's.\n" +
        ExitCodes.ClientHelp;

    public async Task<int> RunAsync(ParsedArguments arguments, CommandContext context)
    {
        var paths = arguments.Positionals;
        if (paths.Count == 0) throw new UsageException("name at least one remote path to delete");
        if (paths.Any(p => p.Length == 0)) throw new UsageException("a path is empty");
        var options = ClientOptionsReader.Read(arguments, context);

        return await ClientRunner.RunEachAsync(options, context, paths, DeleteAsync).ConfigureAwait(false);
    }

    internal static async Task DeleteAsync(FtpClient client, string path, CancellationToken cancel)
    {
        var item = await client.GetItemAsync(path, cancel).ConfigureAwait(false)
            ?? throw new FtpException(FtpErrorKind.NotFound, $"no such file or folder on the server: '{path}'");
        if (item.IsDirectory) await client.DeleteDirectoryAsync(path, cancel).ConfigureAwait(false);
        else await client.DeleteFileAsync(path, cancel).ConfigureAwait(false);
    }
}
