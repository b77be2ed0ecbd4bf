using System.Diagnostics.CodeAnalysis;
using System.Management.Automation;
using System.Runtime.ExceptionServices;

namespace FtpLite.PowerShell.Infrastructure;

/// <summary>
/// Base of every FtpLite cmdlet. Owns the cancellation that Ctrl+C (<see cref="StopProcessing"/>) triggers,
/// runs asynchronous library calls while the pipeline thread writes their messages and progress,
/// and builds ErrorRecords through <see cref="ErrorMapping"/>.
/// </summary>
public abstract class FtpLiteCmdlet : PSCmdlet, IDisposable
{
    /// <summary>How long an operation may take to honour cancellation before the cmdlet stops waiting for it.</summary>
    private protected static readonly TimeSpan CancellationGrace = TimeSpan.FromSeconds(10);

    /// <summary>How often the waiting pipeline thread wakes with nothing to do, in case a signal was missed.</summary>
    private static readonly TimeSpan PumpInterval = TimeSpan.FromMilliseconds(250);

    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private bool _disposed;

    // Only this assembly's cmdlets derive from it.
    private protected FtpLiteCmdlet()
    {
    }

    /// <summary>Cancelled when the user presses Ctrl+C or the pipeline is stopped.</summary>
    protected CancellationToken CancellationToken => _stopping.Token;

    /// <summary>True once the pipeline has been asked to stop.</summary>
    protected bool IsStopping => _stopping.IsCancellationRequested;

    /// <summary>Sealed so no cmdlet can break Ctrl+C: cancellation is the only reaction; derived cmdlets observe <see cref="CancellationToken"/>.</summary>
    protected sealed override void StopProcessing()
    {
        lock (_gate)
        {
            if (!_disposed) _stopping.Cancel();
        }
    }

    /// <summary>Called by the engine when the pipeline ends, however it ends.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
        }
        OnDisposing();
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what a derived cmdlet holds (a one-shot connection) however the pipeline ended; must not throw.</summary>
    private protected virtual void OnDisposing()
    {
    }

    /// <summary>
    /// Runs <paramref name="operation"/> on the thread pool and waits for it on the pipeline thread, writing the messages
    /// it queues as they come. Rethrows its exception unwrapped. On Ctrl+C the operation's token is cancelled, it gets a
    /// grace period to end, and <see cref="PipelineStoppedException"/> is thrown.
    /// </summary>
    private protected T RunAsync<T>(Func<PipelineMessages, CancellationToken, Task<T>> operation)
    {
        using var messages = new PipelineMessages();
        var token = CancellationToken;
        var task = Task.Run(() => operation(messages, token), token);
        Pump(task, messages, untilStopped: false);
        return task.GetAwaiter().GetResult();
    }

    /// <inheritdoc cref="RunAsync{T}(Func{PipelineMessages, CancellationToken, Task{T}})"/>
    private protected void RunAsync(Func<PipelineMessages, CancellationToken, Task> operation) =>
        RunAsync<bool>(async (messages, token) =>
        {
            await operation(messages, token).ConfigureAwait(false);
            return true;
        });

    /// <summary>
    /// Waits on the pipeline thread for a task the cmdlet does not own (a server's completion), writing queued messages.
    /// Ctrl+C ends the wait at once with <see cref="PipelineStoppedException"/>: clean up in a finally.
    /// </summary>
    private protected void WaitFor(Task task, PipelineMessages messages) => Pump(task, messages, untilStopped: true);

    /// <summary>
    /// Connects and logs in as <paramref name="parameters"/> say: the one way every cmdlet opens a client. A failure is
    /// terminating (FtpLite.ConnectionFailed, FtpLite.LoginFailed, FtpLite.InvalidConnectionOption).
    /// </summary>
    private protected FtpLite.Client.FtpClient ConnectClient(ConnectionParameters parameters)
    {
        FtpLite.Client.FtpClientOptions options;
        try
        {
            options = parameters.ToClientOptions();
        }
        catch (ArgumentException e)
        {
            ThrowFtpError(e, ErrorIds.InvalidConnectionOption, parameters.Server, ErrorCategory.InvalidArgument, e.Message);
            throw; // Not reached.
        }

        var security = options.Encryption == FtpLite.Client.FtpEncryption.None ? "" : $" over {options.Encryption.ToString().ToLowerInvariant()} FTPS";
        WriteVerbose($"Connecting to {options.Host} port {options.Port}{security} as '{options.UserName}'.");
        if (options.AcceptAnyCertificate)
            WriteWarning($"-SkipCertificateCheck: the certificate of {options.Host} is not checked, so anyone between here and the server can read and change this connection, password included. Pin the certificate with -CertificateThumbprint instead.");
        try
        {
            return RunAsync((_, token) => FtpLite.Client.FtpClient.ConnectAsync(options, token));
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            ThrowFtpError(e, ErrorMapping.IdOf(e, ErrorIds.ConnectionFailed), parameters.Server,
                message: $"Cannot connect to {options.Host} port {options.Port}{security} as '{options.UserName}': {ErrorMapping.Unwrap(e).Message}{ConnectHint(e, options)}");
            throw; // Not reached.
        }
    }

    /// <summary>What helps after a failed connect, when the failure says: a server that wants TLS from a plain-text client.</summary>
    private static string ConnectHint(Exception exception, FtpLite.Client.FtpClientOptions options)
    {
        if (options.Encryption != FtpLite.Client.FtpEncryption.None) return string.Empty;
        var text = ErrorMapping.Unwrap(exception).Message;
        return exception is FtpLite.Client.FtpException { Kind: FtpLite.Client.FtpErrorKind.LoginFailed }
            && (text.IndexOf("TLS", StringComparison.OrdinalIgnoreCase) >= 0 || text.IndexOf("SSL", StringComparison.OrdinalIgnoreCase) >= 0 || text.IndexOf("AUTH", StringComparison.Ordinal) >= 0)
            ? " The server accepts only FTPS logins: add -Encryption Explicit (or connect to its implicit FTPS port with -Encryption Implicit)."
            : string.Empty;
    }

    /// <summary>Writes a non-terminating error for <paramref name="exception"/>; the category comes from <see cref="ErrorMapping"/> unless given.</summary>
    private protected void WriteFtpError(Exception exception, string errorId, object? target, ErrorCategory? category = null, string? message = null) =>
        WriteError(ErrorMapping.Create(exception, errorId, target, category, message));

    /// <summary>Writes a non-terminating error found by the cmdlet itself.</summary>
    private protected void WriteFtpError(string message, string errorId, ErrorCategory category, object? target) =>
        WriteError(ErrorMapping.Create(message, errorId, category, target));

    /// <summary>Ends the cmdlet with a terminating error for <paramref name="exception"/>.</summary>
    [DoesNotReturn]
    private protected void ThrowFtpError(Exception exception, string errorId, object? target, ErrorCategory? category = null, string? message = null)
    {
        ThrowTerminatingError(ErrorMapping.Create(exception, errorId, target, category, message));
        throw new InvalidOperationException("ThrowTerminatingError returned."); // Never reached; tells the compiler so.
    }

    /// <summary>Ends the cmdlet with a terminating error found by the cmdlet itself.</summary>
    [DoesNotReturn]
    private protected void ThrowFtpError(string message, string errorId, ErrorCategory category, object? target)
    {
        ThrowTerminatingError(ErrorMapping.Create(message, errorId, category, target));
        throw new InvalidOperationException("ThrowTerminatingError returned.");
    }

    /// <summary>
    /// Waits on the pipeline thread for <paramref name="task"/>, writing queued messages and, after each wake-up,
    /// calling <paramref name="onPump"/> (pipeline thread; not while stopping), which may write what the task produced so far.
    /// </summary>
    private protected void Pump(Task task, PipelineMessages messages, bool untilStopped, Action? onPump = null)
    {
        // Wake the pipeline thread the moment the task ends, not at the next interval.
        var signal = messages.Signal;
        task.ContinueWith(_ => SetQuietly(signal), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        DateTime? stopDeadline = null;
        while (!task.IsCompleted)
        {
            if (IsStopping)
            {
                if (untilStopped) break;
                stopDeadline ??= DateTime.UtcNow + CancellationGrace;
                if (DateTime.UtcNow >= stopDeadline) break;
            }
            signal.Wait(PumpInterval);
            messages.Drain(this, discard: IsStopping);
            if (!IsStopping) onPump?.Invoke();
        }
        messages.Drain(this, discard: IsStopping, flush: true);
        if (!IsStopping) onPump?.Invoke();

        if (IsStopping && (!task.IsCompleted || task.IsCanceled || IsCancellation(task.Exception)))
        {
            // Whatever the task ends with later is of no interest to anyone; observe it so it is not reported as unobserved.
            task.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
            throw new PipelineStoppedException();
        }
        if (task.IsFaulted) ExceptionDispatchInfo.Capture(ErrorMapping.Unwrap(task.Exception!)).Throw();
    }

    private static bool IsCancellation(AggregateException? exception) =>
        exception is not null && ErrorMapping.Unwrap(exception) is OperationCanceledException;

    private static void SetQuietly(ManualResetEventSlim signal)
    {
        try
        {
            signal.Set();
        }
        catch (ObjectDisposedException)
        {
            // The cmdlet already stopped waiting.
        }
    }
}
