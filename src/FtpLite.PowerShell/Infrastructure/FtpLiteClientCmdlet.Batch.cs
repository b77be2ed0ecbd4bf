using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using FtpLite.Client;
using FtpLite.PowerShell.Client;

namespace FtpLite.PowerShell.Infrastructure;

/// <summary>
/// Parallel transfers (-ThrottleLimit above 1) over the library's <see cref="FtpTransferPool"/>: this cmdlet only writes
/// the outcomes in the batch's order from the pipeline thread, and one progress record for the whole batch.
/// </summary>
public abstract partial class FtpLiteClientCmdlet
{
    /// <summary>Most sessions one command opens to a server.</summary>
    private protected const int MaxThrottleLimit = FtpTransferPool.MaxSessions;

    /// <summary>How often, at most, the batch's progress record is rewritten.</summary>
    private static readonly TimeSpan BatchProgressInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Moves the queued files over <paramref name="throttleLimit"/> sessions: this command's own client (the session, or
    /// the one-shot connection) and more connected with the same options, closed at the end. Results are written in the
    /// queue's order as they become ready; a failed file is a non-terminating error in its place, and the others go on.
    /// Ctrl+C cancels every session; an error under -ErrorAction Stop stops the pool, which cancels its own sessions and
    /// lets the command's client finish the file it is moving (cancelling it could cost the user's session its control
    /// connection). The library leaves no partial target of a cancelled transfer.
    /// </summary>
    private protected void RunBatch(IReadOnlyList<QueuedTransfer> queue, int throttleLimit, int activityId, string activity)
    {
        if (queue.Count == 0) return;
        var items = queue.Select(q => q.Item).ToArray();
        var outcomes = new FtpBatchResult?[items.Length];
        var sessions = Math.Min(throttleLimit, items.Length);
        var progress = ProgressEnabled ? new LatestProgress() : null;
        var written = 0;
        var sinceProgress = Stopwatch.StartNew();
        var progressWritten = false;
        WriteVerbose(string.Format(CultureInfo.InvariantCulture, "Moving {0} file(s) over {1} session(s).", items.Length, sessions));

        using var messages = new PipelineMessages();
        var options = Client.Options;
        var connected = 1;
        var pool = new FtpTransferPool(Client, async token =>
        {
            var client = await FtpClient.ConnectAsync(options, token).ConfigureAwait(false);
            messages.WriteVerbose($"Session {Interlocked.Increment(ref connected)} of {sessions} connected to {options.Host} port {options.Port}.");
            return client;
        }, sessions)
        {
            ItemCompleted = (index, result) =>
            {
                Volatile.Write(ref outcomes[index], result);
                messages.Wake();
            },
            SessionFailed = (session, e) => messages.WriteWarning(
                $"Session {session + 1} of {sessions} could not connect to {options.Host} port {options.Port} ({ErrorMapping.Unwrap(e).Message}); the files go over the other sessions."),
        };

        void WriteReady(bool last)
        {
            while (written < queue.Count && Volatile.Read(ref outcomes[written]) is { } outcome) WriteOutcome(queue[written++], outcome);
            if (progress?.Latest is not { } now || (!last && progressWritten && sinceProgress.Elapsed < BatchProgressInterval)) return;
            progressWritten = true;
            sinceProgress.Restart();
            var status = now.BytesTotal is { } total
                ? string.Format(CultureInfo.CurrentCulture, "{0} of {1} files, {2} of {3}, over {4} sessions", now.FilesDone, now.FilesTotal, TransferProgressSink.Size(now.BytesDone), TransferProgressSink.Size(total), sessions)
                : string.Format(CultureInfo.CurrentCulture, "{0} of {1} files, {2}, over {3} sessions", now.FilesDone, now.FilesTotal, TransferProgressSink.Size(now.BytesDone), sessions);
            WriteProgress(new ProgressRecord(activityId, activity, status) { PercentComplete = (int)now.PercentComplete });
        }

        var run = Task.Run(() => pool.RunAsync(items, progress, CancellationToken));
        try
        {
            Pump(run, messages, untilStopped: false, onPump: () => WriteReady(last: false));
            WriteReady(last: true);
        }
        catch (Exception e)
        {
            // Ctrl+C, or a written error under -ErrorAction Stop: no session goes on after the command ends.
            pool.Stop();
            WaitForPool(run, alreadyWaited: e is PipelineStoppedException);
            throw;
        }
    }

    /// <summary>
    /// Waits for the pool after it was stopped: until the command's own client has finished its file, or, once Ctrl+C
    /// comes (or came), for the grace period at most. Whatever it ends with is observed, never reported.
    /// </summary>
    private void WaitForPool(Task pool, bool alreadyWaited)
    {
        pool.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
        if (alreadyWaited) return;
        var wait = (IAsyncResult)pool;
        DateTime? deadline = null;
        while (!pool.IsCompleted)
        {
            if (IsStopping)
            {
                deadline ??= DateTime.UtcNow + CancellationGrace;
                if (DateTime.UtcNow >= deadline) return;
            }
            wait.AsyncWaitHandle.WaitOne(TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>Writes one file's outcome: its result, or its error, in its place in the output.</summary>
    private void WriteOutcome(QueuedTransfer queued, FtpBatchResult outcome)
    {
        if (outcome.Error is { } error)
        {
            var inner = ErrorMapping.Unwrap(error);
            if (outcome.Skipped && inner is FtpException { Kind: FtpErrorKind.AlreadyExists })
            {
                // Two files for one target: the pool's own words say why, not "add -Force".
                WriteFtpError(inner.Message, ErrorIds.TargetExists, ErrorCategory.ResourceExists, queued.Target);
                return;
            }
            var expected = inner is FtpException or IOException or UnauthorizedAccessException or TimeoutException or System.Net.Sockets.SocketException;
            WriteFtpError(inner, expected ? ErrorMapping.IdOf(inner, ErrorIds.TransferFailed) : ErrorIds.Unexpected, queued.Target, message: $"{queued.Failure} failed: {Advice(inner, queued.Target)}");
            return;
        }
        queued.Report(outcome.Result!);
    }

    /// <summary>Keeps the pool's newest progress snapshot for the pipeline thread, which writes it at its own pace.</summary>
    private sealed class LatestProgress : IProgress<FtpBatchProgress>
    {
        private FtpBatchProgress? _latest;

        public FtpBatchProgress? Latest => Volatile.Read(ref _latest);

        public void Report(FtpBatchProgress value) => Volatile.Write(ref _latest, value);
    }
}
