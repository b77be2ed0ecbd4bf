namespace FtpLite.Client;

/// <summary>
/// Joins a caller's token with a timer. When either fires it runs an abort action (closing a socket: the one thing that
/// makes a pending socket call return on every runtime, .NET Framework included), and afterwards it tells the two
/// causes apart, so a caller's cancellation is never reported as a timeout.
/// </summary>
internal sealed class TimeoutScope : IDisposable
{
    private readonly TimeSpan _timeout;
    private readonly CancellationToken _caller;
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _linked;
    private readonly CancellationTokenRegistration _registration;

    public TimeoutScope(TimeSpan timeout, Action abort, CancellationToken caller)
    {
        _timeout = timeout;
        _caller = caller;
        _timer = new CancellationTokenSource(timeout);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(caller, _timer.Token);
        _registration = _linked.Token.Register(abort);
    }

    public CancellationToken Token => _linked.Token;

    /// <summary>True once the caller cancelled or the time ran out.</summary>
    public bool Fired => _linked.IsCancellationRequested;

    /// <summary>Starts the timer again: for stall timeouts, where each moved byte proves the peer alive.</summary>
    public void Restart()
    {
        if (!_timer.IsCancellationRequested) _timer.CancelAfter(_timeout);
    }

    /// <summary>The exception to throw once <see cref="Fired"/>: the caller's cancellation first, else a timeout.</summary>
    public Exception Translate(Exception inner, string what)
    {
        if (_caller.IsCancellationRequested) return new OperationCanceledException(what + " was cancelled.", inner, _caller);
        return new FtpException(FtpErrorKind.Timeout, $"{what} timed out after {_timeout.TotalSeconds:0.#} s.", null, inner);
    }

    public void Dispose()
    {
        _registration.Dispose();
        _linked.Dispose();
        _timer.Dispose();
    }
}
