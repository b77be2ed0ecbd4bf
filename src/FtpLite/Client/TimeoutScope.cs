using System.Diagnostics;

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
    private readonly long _restartEvery;
    private long _lastRestart;

    public TimeoutScope(TimeSpan timeout, Action abort, CancellationToken caller)
    {
        _timeout = timeout;
        _restartEvery = (long)(timeout.TotalSeconds * Stopwatch.Frequency / 16);
        _lastRestart = Stopwatch.GetTimestamp();
        _caller = caller;
        _timer = new CancellationTokenSource(timeout);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(caller, _timer.Token);
        _registration = _linked.Token.Register(abort);
    }

    public CancellationToken Token => _linked.Token;

    /// <summary>True once the caller cancelled or the time ran out.</summary>
    public bool Fired => _linked.IsCancellationRequested;

    /// <summary>
    /// Starts the timer again: for stall timeouts, where each moved byte proves the peer alive. Called per chunk, it
    /// resets the timer at most 16 times per timeout (a timer reset costs more than a fast chunk takes), so a stall is
    /// caught after between 15/16 of the timeout and the whole of it.
    /// </summary>
    public void Restart()
    {
        var now = Stopwatch.GetTimestamp();
        if (now - _lastRestart < _restartEvery || _timer.IsCancellationRequested) return;
        _lastRestart = now;
        _timer.CancelAfter(_timeout);
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
