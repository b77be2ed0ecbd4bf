using FtpLite.Cli.CommandLine;
using FtpLite.Cli.Commands;
using FtpLite.Client;

namespace FtpLite.Cli.Client;

/// <summary>
/// Moves a batch over the library's transfer pool (the verb's own connection and, with --jobs N, more with the same
/// options): one summary or error line per file on stderr as each finishes, progress on a terminal, and the exit code
/// of the first file (in input order) that failed.
/// </summary>
internal static class BatchRunner
{
    public static async Task<int> RunAsync(
        FtpClient client, FtpClientOptions options, IReadOnlyList<FtpBatchItem> items, int jobs, CommandContext context, CancellationToken cancel)
    {
        if (items.Count == 0) return ExitCodes.Success;
        var sessions = Math.Min(jobs, items.Count);
        var lines = BatchProgressLines.For(context, sessions);
        var gate = new object();
        void Say(string line)
        {
            if (lines is not null)
            {
                lines.WriteLine(line);
                return;
            }
            lock (gate) context.Error.WriteLine(line);
        }

        var pool = new FtpTransferPool(client, token => FtpClient.ConnectAsync(options, token), sessions)
        {
            ItemCompleted = (_, outcome) => Say(outcome.Error is null
                ? TransferSummary.Format(outcome.Result!)
                : $"{CliApplication.ToolName}: {Describe(outcome)}"),
            SessionFailed = (session, e) => Say(
                $"{CliApplication.ToolName}: session {session + 1} of {sessions} could not connect ({ClientFailure.Describe(e)}); the files go over the others"),
        };
        IReadOnlyList<FtpBatchResult> results;
        try
        {
            results = await pool.RunAsync(items, lines, cancel).ConfigureAwait(false);
        }
        finally
        {
            lines?.Clear();
        }
        var failed = results.FirstOrDefault(r => r.Error is not null);
        return failed is null ? ExitCodes.Success : ClientFailure.ExitCodeOf(failed.Error!, transfer: true);
    }

    /// <summary>
    /// put -r / get -r: makes the plan (walk, folders), then moves its files; a plan that cannot be made at all (the
    /// root missing, say) is its one line and exit code. The exit code is the plan's first problem's, else the files'.
    /// </summary>
    public static async Task<int> RunPlanAsync(
        FtpClient client, FtpClientOptions options, int jobs, CommandContext context, Func<Task<TreePlans.Plan>> makePlan, CancellationToken cancel)
    {
        TreePlans.Plan? plan = null;
        var planned = await ClientRunner.RunItemAsync(context, transfer: false, async () => plan = await makePlan().ConfigureAwait(false)).ConfigureAwait(false);
        if (plan is null) return planned;
        var moved = await RunAsync(client, options, plan.Items, jobs, context, cancel).ConfigureAwait(false);
        return plan.ExitCode != ExitCodes.Success ? plan.ExitCode : moved;
    }

    /// <summary>One line for a file that did not move; a refused existing target names --force and --resume.</summary>
    private static string Describe(FtpBatchResult outcome)
    {
        if (outcome.Error is FtpException { Kind: FtpErrorKind.AlreadyExists } && !outcome.Skipped)
        {
            return outcome.Item.Direction == FtpTransferDirection.Upload
                ? ClientFailure.OneLine($"'{outcome.Item.RemotePath}' exists on the server; --force replaces it, --resume continues it")
                : ClientFailure.OneLine($"'{outcome.Item.LocalPath}' exists; --force replaces it, --resume continues it");
        }
        return ClientFailure.Describe(outcome.Error!);
    }
}
