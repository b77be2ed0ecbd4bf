using System.Diagnostics;
using FtpLite.Cli.Client;
using FtpLite.Cli.CommandLine;
using FtpLite.Client;

namespace FtpLite.Cli.Commands;

/// <summary>"ftplite mirror --up LOCAL REMOTE" / "--down REMOTE LOCAL": copies what differs, one line per action.</summary>
public sealed class MirrorCommand : ICommand
{
    private static readonly OptionSpec Up = new("--up", null, "upload: SOURCE is the local folder, TARGET the server's");
    private static readonly OptionSpec Down = new("--down", null, "download: SOURCE is the server's folder, TARGET the local one");
    private static readonly OptionSpec DryRun = new("--dry-run", null, "print the plan (copy / replace / delete, with the reason) and change nothing", "-n");
    private static readonly OptionSpec Jobs = new("--jobs", "N", $"copy N files at once, each over its own connection (1 to {FtpTransferPool.MaxSessions}; default 4)", "-j");
    private static readonly OptionSpec Delete = new("--delete", null, "delete what the target has and the source lacks (refused when the source is empty)");
    private static readonly OptionSpec Force = new("--force", null, "with --delete: allow deleting more than half of the target");
    private static readonly OptionSpec Checksum = new("--checksum", null, "compare files of equal size by hash (the server's HASH) instead of by time");
    private static readonly OptionSpec Exclude = new("--exclude", "PATTERNS", "comma-separated wildcards to leave alone: '*.tmp' (a name anywhere), '.git/' (a folder), 'logs/*.log' (a path)");
    private static readonly OptionSpec Include = new("--include", "PATTERNS", "comma-separated wildcards: only matching files are mirrored");

    public string Name => "mirror";

    public string Summary => "Make a folder tree on the server match a local one, or the other way.";

    public string Usage => "-H HOST [options] (--up LOCAL REMOTE | --down REMOTE LOCAL)";

    public IReadOnlyList<OptionSpec> Options { get; } = ClientOptionsReader.WithHostOption
        .Concat(new[] { Up, Down, DryRun, Jobs, Delete, Force, Checksum, Exclude, Include, TransferOptionsReader.Verify }).ToArray();

    public string Details =>
        "Copies the files the target lacks or has with another size or modification time (or hash, with\n" +
        "--checksum), and gives each copy its source's time, so a second run copies nothing: locally always,\n" +
        "on the server with MFMT. A server without MFMT keeps the time of the upload; a file there is then\n" +
        "up to date when its size matches and it is at least as new as the source. Nothing is deleted without\n" +
        "--delete. One line per action goes to stdout ('copy PATH: reason'); failures and the summary go to\n" +
        "stderr. An interrupted mirror is finished by running it again.\n" +
        ExitCodes.ClientHelp;

    public async Task<int> RunAsync(ParsedArguments arguments, CommandContext context)
    {
        var up = arguments.Has(Up.Name);
        if (up == arguments.Has(Down.Name)) throw new UsageException("say which way with exactly one of --up (local to server) and --down (server to local)");
        if (arguments.Positionals.Count != 2) throw new UsageException(up ? "give the local folder and the remote folder: --up LOCAL REMOTE" : "give the remote folder and the local folder: --down REMOTE LOCAL");
        var (local, remote) = up ? (arguments.Positionals[0], arguments.Positionals[1]) : (arguments.Positionals[1], arguments.Positionals[0]);
        if (local.Length == 0 || remote.Length == 0) throw new UsageException("a folder is empty");
        if (arguments.Has(Force.Name) && !arguments.Has(Delete.Name)) throw new UsageException("--force only lifts --delete's limit; add --delete");
        var sessions = arguments.GetInt(Jobs.Name, 1, FtpTransferPool.MaxSessions, 4);
        var options = ReadOptions(arguments);
        local = Path.GetFullPath(local, context.CurrentDirectory);
        if (up && !Directory.Exists(local))
        {
            context.Error.WriteLine($"{CliApplication.ToolName}: no such local folder '{arguments.Positionals[0]}'");
            return ExitCodes.NotFound;
        }
        var dryRun = arguments.Has(DryRun.Name);
        var direction = up ? FtpTransferDirection.Upload : FtpTransferDirection.Download;

        var clientOptions = ClientOptionsReader.Read(arguments, context);
        return await ClientRunner.RunAsync(clientOptions, context, async (client, cancel) =>
        {
            using var mirror = new FtpMirror(client, direction, local, remote, options) { Sessions = sessions };
            FtpMirrorPlan plan;
            try
            {
                plan = await mirror.PlanAsync(cancel).ConfigureAwait(false);
            }
            catch (FtpMirrorRefusedException e)
            {
                context.Error.WriteLine($"{CliApplication.ToolName}: {ClientFailure.OneLine(e.Message)}");
                return ExitCodes.Failure;
            }
            if (!mirror.TargetKeepsTimes && plan.Changes.Any())
                context.Error.WriteLine($"{CliApplication.ToolName}: the server has no MFMT, so copies keep the upload's time; a later run compares by size and takes a copy at least as new as its source as up to date");
            return dryRun ? PrintPlan(plan, context) : await RunPlanAsync(mirror, plan, context, cancel).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private static FtpMirrorOptions ReadOptions(ParsedArguments arguments)
    {
        var options = new FtpMirrorOptions
        {
            Delete = arguments.Has(Delete.Name),
            Force = arguments.Has(Force.Name),
            Checksum = arguments.Has(Checksum.Name),
            Verify = TransferOptionsReader.Read(arguments).Verify,
        };
        foreach (var pattern in Patterns(arguments, Exclude)) options.Exclude.Add(pattern);
        foreach (var pattern in Patterns(arguments, Include)) options.Include.Add(pattern);
        return options;
    }

    private static IEnumerable<string> Patterns(ParsedArguments arguments, OptionSpec option)
    {
        var text = arguments.GetString(option.Name);
        if (text is null) return Array.Empty<string>();
        var patterns = text.Split(',').Select(p => p.Trim()).ToList();
        if (patterns.Any(p => p.Trim('/').Length == 0)) throw new UsageException($"{option.Name} has an empty pattern in '{text}'");
        return patterns;
    }

    private static int PrintPlan(FtpMirrorPlan plan, CommandContext context)
    {
        foreach (var action in plan.Changes) context.Output.WriteLine(ClientFailure.OneLine(action.ToString()));
        context.Error.WriteLine($"dry run: {plan.Copies} to copy, {plan.Replaces} to replace, {plan.Deletes} to delete, {plan.Skips} up to date ({ByteSize.Format(plan.BytesToCopy)} to copy); nothing was changed");
        return ExitCodes.Success;
    }

    private static async Task<int> RunPlanAsync(FtpMirror mirror, FtpMirrorPlan plan, CommandContext context, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var gate = new object();
        var exitCode = ExitCodes.Success;
        void Report(FtpMirrorResult result)
        {
            lock (gate)
            {
                if (result.Succeeded)
                {
                    context.Output.WriteLine(ClientFailure.OneLine(result.Action.ToString()));
                    return;
                }
                context.Error.WriteLine($"{CliApplication.ToolName}: {result.Action.Kind.ToString().ToLowerInvariant()} {result.RelativePath} failed: {ClientFailure.Describe(result.Error!)}");
                if (exitCode == ExitCodes.Success) exitCode = ClientFailure.ExitCodeOf(result.Error!, transfer: true);
            }
        }

        var results = await mirror.RunAsync(plan, completed: Report, cancellationToken: cancel).ConfigureAwait(false);
        int Done(FtpMirrorActionKind kind) => results.Count(r => r.Succeeded && r.Kind == kind);
        var failed = results.Count(r => !r.Succeeded);
        var bytes = results.Sum(r => r.Bytes);
        context.Error.WriteLine(
            $"mirror: {Done(FtpMirrorActionKind.Copy)} copied, {Done(FtpMirrorActionKind.Replace)} replaced, {Done(FtpMirrorActionKind.Delete)} deleted, " +
            $"{plan.Skips} up to date, {failed} failed; {ByteSize.Format(bytes)} in {ByteSize.Seconds(clock.Elapsed)}");
        return exitCode;
    }
}
