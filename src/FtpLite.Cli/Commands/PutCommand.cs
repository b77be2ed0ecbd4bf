using FtpLite.Cli.Client;
using FtpLite.Cli.CommandLine;
using FtpLite.Client;

namespace FtpLite.Cli.Commands;

/// <summary>
/// "ftplite put LOCAL... [--to REMOTE]" uploads files, refusing to replace one unless told; "put -r DIR [REMOTE]" a
/// folder's tree; "-j N" over N sessions (the library's transfer pool).
/// </summary>
public sealed class PutCommand : ICommand
{
    private static readonly OptionSpec To = new("--to", "REMOTE", "remote folder (ending in / or existing) or, for one file, the remote name (default: the login folder)");

    public string Name => "put";

    public string Summary => "Upload files to a server.";

    public string Usage => "-H HOST [options] LOCAL...  |  -r DIR [REMOTE-DIR]";

    public IReadOnlyList<OptionSpec> Options { get; } =
        ClientOptionsReader.WithHostOption.Concat(new[] { To }).Concat(TransferOptionsReader.Options).ToArray();

    public string Details =>
        "Each file goes to the login folder under its own name unless --to says otherwise. An existing remote\n" +
        "file is refused (exit 6) unless --force replaces it or --resume sends only what it lacks. Progress\n" +
        "shows on a terminal; one summary line per file goes to stderr, stdout stays empty.\n" +
        "With -r, DIR's tree goes into REMOTE-DIR (default: DIR's own name in the login folder), made with its\n" +
        "parents where missing (existing folders are fine); linked folders are not followed. With -j N, N files\n" +
        "move at once over N connections, summary lines come as files finish, and progress shows each one.\n" +
        ExitCodes.ClientHelp;

    public async Task<int> RunAsync(ParsedArguments arguments, CommandContext context)
    {
        if (arguments.Positionals.Count == 0) throw new UsageException("name at least one local file to upload");
        var transfer = TransferOptionsReader.Read(arguments);
        var to = arguments.GetString(To.Name);
        if (to is not null && to.Length == 0) throw new UsageException("--to needs a remote path");
        var jobs = TransferOptionsReader.ReadJobs(arguments);
        if (arguments.Has(TransferOptionsReader.Recursive.Name)) return await PutTreeAsync(arguments, context, transfer, to, jobs).ConfigureAwait(false);

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
            if (jobs > 1)
            {
                var items = locals.Select((local, i) => new FtpBatchItem(FtpTransferDirection.Upload, local, targets[i], transfer)).ToList();
                return await BatchRunner.RunAsync(client, options, items, jobs, context, cancel).ConfigureAwait(false);
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

    /// <summary>put -r DIR [REMOTE-DIR]: the folder's tree, its folders made first, its files over the pool.</summary>
    private static async Task<int> PutTreeAsync(ParsedArguments arguments, CommandContext context, FtpTransferOptions transfer, string? to, int jobs)
    {
        var names = arguments.Positionals;
        if (names.Count is 0 or > 2) throw new UsageException("put -r takes one local folder and, optionally, the remote folder it goes into");
        if (names.Count == 2 && to is not null) throw new UsageException("give the remote folder once: as the second name or with --to");
        var local = Path.TrimEndingDirectorySeparator(Path.GetFullPath(names[0], context.CurrentDirectory));
        if (!Directory.Exists(local))
        {
            var isFile = File.Exists(local);
            context.Error.WriteLine(isFile
                ? $"{CliApplication.ToolName}: '{names[0]}' is a file; put -r uploads a folder (leave out -r for files)"
                : $"{CliApplication.ToolName}: no such local folder '{names[0]}'");
            return isFile ? ExitCodes.Failure : ExitCodes.NotFound;
        }
        var remote = names.Count == 2 ? names[1] : to ?? Path.GetFileName(local);
        if (remote.Length == 0) throw new UsageException("name the remote folder the tree goes into");

        var options = ClientOptionsReader.Read(arguments, context);
        return await ClientRunner.RunAsync(options, context, (client, cancel) =>
            BatchRunner.RunPlanAsync(client, options, jobs, context, () => TreePlans.ForUploadAsync(client, local, remote, transfer, context, cancel), cancel)).ConfigureAwait(false);
    }
}
