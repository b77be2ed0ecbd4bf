using FtpLite.Cli.Client;
using FtpLite.Cli.CommandLine;
using FtpLite.Client;

namespace FtpLite.Cli.Commands;

/// <summary>"ftplite put LOCAL... [--to REMOTE]": uploads files, refusing to replace one unless told.</summary>
public sealed class PutCommand : ICommand
{
    private static readonly OptionSpec To = new("--to", "REMOTE", "remote folder (ending in / or existing) or, for one file, the remote name (default: the login folder)");

    public string Name => "put";

    public string Summary => "Upload files to a server.";

    public string Usage => "-H HOST [options] LOCAL...";

    public IReadOnlyList<OptionSpec> Options { get; } =
        ClientOptionsReader.WithHostOption.Concat(new[] { To }).Concat(TransferOptionsReader.Options).ToArray();

    public string Details =>
        "Each file goes to the login folder under its own name unless --to says otherwise. An existing remote\n" +
        "file is refused (exit 6) unless --force replaces it or --resume sends only what it lacks. Progress\n" +
        "shows on a terminal; one summary line per file goes to stderr, stdout stays empty.\n" +
        ExitCodes.ClientHelp;

    public async Task<int> RunAsync(ParsedArguments arguments, CommandContext context)
    {
        if (arguments.Positionals.Count == 0) throw new UsageException("name at least one local file to upload");
        var transfer = TransferOptionsReader.Read(arguments);
        var to = arguments.GetString(To.Name);
        if (to is not null && to.Length == 0) throw new UsageException("--to needs a remote path");

        var locals = new List<string>();
        foreach (var name in arguments.Positionals)
        {
            var full = Path.GetFullPath(name, context.CurrentDirectory);
            if (Directory.Exists(full))
            {
                context.Error.WriteLine($"{CliApplication.ToolName}: '{name}' is a folder; put uploads files");
                return ExitCodes.Failure;
            }
            if (!File.Exists(full))
            {
                context.Error.WriteLine($"{CliApplication.ToolName}: no such local file '{name}'");
                return ExitCodes.NotFound;
            }
            locals.Add(full);
        }

        var options = ClientOptionsReader.Read(arguments, context);
        return await ClientRunner.RunAsync(options, context, async (client, cancel) =>
        {
            var targets = await RemoteTargets.ForUploadAsync(client, to, locals, cancel).ConfigureAwait(false);
            if (targets is null)
            {
                context.Error.WriteLine($"{CliApplication.ToolName}: no such folder on the server: '{to}' (several files need a folder)");
                return ExitCodes.NotFound;
            }
            var exitCode = ExitCodes.Success;
            for (var i = 0; i < locals.Count && client.IsConnected; i++)
            {
                var (local, remote) = (locals[i], targets[i]);
                var code = await ClientRunner.RunItemAsync(context, transfer: true, async () =>
                {
                    var progress = ProgressLine.For(context, Path.GetFileName(local));
                    try
                    {
                        var result = await client.UploadFileAsync(local, remote, transfer, progress, cancel).ConfigureAwait(false);
                        progress?.Clear();
                        context.Error.WriteLine(TransferSummary.Format(result));
                    }
                    catch (FtpException e) when (e.Kind == FtpErrorKind.AlreadyExists)
                    {
                        progress?.Clear();
                        throw new FtpException(e.Kind, $"'{remote}' exists on the server; --force replaces it, --resume continues it", e.Reply, e);
                    }
                    finally
                    {
                        progress?.Clear();
                    }
                }).ConfigureAwait(false);
                if (exitCode == ExitCodes.Success) exitCode = code;
            }
            return exitCode;
        }).ConfigureAwait(false);
    }
}
