using FtpLite.Cli.Client;
using FtpLite.Cli.CommandLine;
using FtpLite.Client;

namespace FtpLite.Cli.Commands;

/// <summary>"ftplite mkdir PATH...": creates remote folders.</summary>
public sealed class MkdirCommand : ICommand
{
    public string Name => "mkdir";

    public string Summary => "Create remote folders.";

    public string Usage => "-H HOST [options] PATH...";

    public IReadOnlyList<OptionSpec> Options { get; } = ClientOptionsReader.WithHostOption;

    public string Details =>
        "Creates each PATH (its parent must exist). An existing one is reported (exit 1) and the next path is\n" +
        "tried; the exit code is the first failure's.\n" +
        ExitCodes.ClientHelp;

    public async Task<int> RunAsync(ParsedArguments arguments, CommandContext context)
    {
        var paths = arguments.Positionals;
        if (paths.Count == 0) throw new UsageException("name at least one remote folder to create");
        if (paths.Any(p => p.Length == 0)) throw new UsageException("a path is empty");
        var options = ClientOptionsReader.Read(arguments, context);

        return await ClientRunner.RunEachAsync(options, context, paths, CreateAsync).ConfigureAwait(false);
    }

    /// <summary>MKD; a refusal because the name is taken says so, rather than the 550 that servers send for both cases.</summary>
    internal static async Task CreateAsync(FtpClient client, string path, CancellationToken cancel)
    {
        try
        {
            await client.CreateDirectoryAsync(path, cancel).ConfigureAwait(false);
        }
        catch (FtpException e) when (e.Reply is not null && client.IsConnected)
        {
            if (!await client.ExistsAsync(path, cancel).ConfigureAwait(false)) throw;
            throw new FtpException(FtpErrorKind.AlreadyExists, $"'{path}' already exists on the server", e.Reply, e);
        }
    }
}
