using FtpLite.Cli.Client;
using FtpLite.Cli.CommandLine;
using FtpLite.Client;

namespace FtpLite.Cli.Commands;

/// <summary>
/// "ftplite get REMOTE... [--to LOCAL]" downloads files, refusing to replace one unless told; "get -r DIR [LOCAL-DIR]" a
/// remote folder's tree; "-j N" over N sessions (the library's transfer pool).
/// </summary>
public sealed class GetCommand : ICommand
{
    private static readonly OptionSpec To = new("--to", "LOCAL", "local folder or, for one file, the local name (default: the current folder)");

    public string Name => "get";

    public string Summary => "Download files from a server.";

    public string Usage => "-H HOST [options] REMOTE...  |  -r DIR [LOCAL-DIR]";

    public IReadOnlyList<OptionSpec> Options { get; } =
        ClientOptionsReader.WithHostOption.Concat(new[] { To }).Concat(TransferOptionsReader.Options).ToArray();

    public string Details =>
        "Each file lands in the current folder under its own name unless --to says otherwise. It is written\n" +
        "to NAME.ftplite-part first and renamed when complete and verified; an interrupted download keeps\n" +
        "that part, and get --resume continues it (delete it to start over). An existing local file is\n" +
        "refused (exit 6) unless --force replaces it or --resume fetches only what it lacks. Progress shows\n" +
        "on a terminal; one summary line per file goes to stderr, stdout stays empty.\n" +
        "With -r, DIR's tree comes into LOCAL-DIR (default: DIR's own name in the current folder), made\n" +
        "where missing; entries the server lists as links are left out. With -j N, N files move at once over\n" +
        "N connections, summary lines come as files finish, and progress shows each one.\n" +
        ExitCodes.ClientHelp;

    public async Task<int> RunAsync(ParsedArguments arguments, CommandContext context)
    {
        var remotes = arguments.Positionals;
        if (remotes.Count == 0) throw new UsageException("name at least one remote file to download");
        var transfer = TransferOptionsReader.Read(arguments);
        var jobs = TransferOptionsReader.ReadJobs(arguments);
        if (arguments.Has(TransferOptionsReader.Recursive.Name)) return await GetTreeAsync(arguments, context, transfer, jobs).ConfigureAwait(false);
        var locals = LocalTargets(remotes, arguments.GetString(To.Name), context.CurrentDirectory);
        var options = ClientOptionsReader.Read(arguments, context);

        return await ClientRunner.RunAsync(options, context, async (client, cancel) =>
        {
            if (jobs > 1)
            {
                var items = remotes.Select((remote, i) => new FtpBatchItem(FtpTransferDirection.Download, locals[i], remote, transfer)).ToList();
                return await BatchRunner.RunAsync(client, options, items, jobs, context, cancel).ConfigureAwait(false);
            }
            var exitCode = ExitCodes.Success;
            for (var i = 0; i < remotes.Count && client.IsConnected; i++)
            {
                var (remote, local) = (remotes[i], locals[i]);
                var code = await ClientRunner.RunItemAsync(context, transfer: true, async () =>
                {
                    var progress = ProgressLine.For(context, RemotePath.GetFileName(remote));
                    try
                    {
                        var result = await client.DownloadFileAsync(remote, local, transfer, progress, cancel).ConfigureAwait(false);
                        progress?.Clear();
                        context.Error.WriteLine(TransferSummary.Format(result));
                    }
                    catch (FtpException e) when (e.Kind == FtpErrorKind.AlreadyExists)
                    {
                        throw new FtpException(e.Kind, $"'{local}' exists; --force replaces it, --resume continues it", e.Reply, e);
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

    /// <summary>get -r DIR [LOCAL-DIR]: the remote tree walked, its folders made here, its files over the pool.</summary>
    private static async Task<int> GetTreeAsync(ParsedArguments arguments, CommandContext context, FtpTransferOptions transfer, int jobs)
    {
        var names = arguments.Positionals;
        var to = arguments.GetString(To.Name);
        if (names.Count > 2) throw new UsageException("get -r takes one remote folder and, optionally, the local folder it comes into");
        if (names.Count == 2 && to is not null) throw new UsageException("give the local folder once: as the second name or with --to");
        if (to is not null && to.Length == 0) throw new UsageException("--to needs a local path");
        var remote = names[0];
        var target = names.Count == 2 ? names[1] : to ?? RemotePath.GetFileName(remote);
        if (target.Length == 0) throw new UsageException($"name the local folder '{remote}' comes into");
        var local = Path.GetFullPath(target, context.CurrentDirectory);

        var options = ClientOptionsReader.Read(arguments, context);
        return await ClientRunner.RunAsync(options, context, (client, cancel) =>
            BatchRunner.RunPlanAsync(client, options, jobs, context, () => TreePlans.ForDownloadAsync(client, remote, local, transfer, context, cancel), cancel)).ConfigureAwait(false);
    }

    private static IReadOnlyList<string> LocalTargets(IReadOnlyList<string> remotes, string? to, string currentDirectory)
    {
        if (remotes.Any(r => RemotePath.GetFileName(r).Length == 0)) throw new UsageException("get downloads files; '/' is a folder");
        if (to is not null && to.Length == 0) throw new UsageException("--to needs a local path");
        var folder = to is null ? currentDirectory : Path.GetFullPath(to, currentDirectory);
        var isFolder = to is null || Directory.Exists(folder) || to.EndsWith("/", StringComparison.Ordinal) || to.EndsWith(Path.DirectorySeparatorChar);
        if (!isFolder && remotes.Count > 1) throw new UsageException($"--to must be an existing folder when getting several files; '{to}' is not");
        if (!isFolder) return new[] { folder };
        if (!Directory.Exists(folder)) throw new UsageException($"the local folder '{to}' does not exist");
        return remotes.Select(r => Path.Combine(folder, RemotePath.GetFileName(r))).ToList();
    }
}
