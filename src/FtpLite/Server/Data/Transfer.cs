namespace FtpLite.Server.Data;

/// <summary>Why a transfer ended early.</summary>
internal enum TransferEnd
{
    None,
    Aborted,
    Stalled,
    SessionClosed,
}

/// <summary>A transfer running in the background of its session: its cancellation, progress and outcome.</summary>
internal sealed class Transfer : IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private long _bytes;
    private long _lastActivityTicks = DateTime.UtcNow.Ticks;
    private int _end;

    public Transfer(string path, CancellationToken sessionClosing)
    {
        Path = path;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(sessionClosing);
        Token = _cancel.Token;
    }

    public string Path { get; }
    public CancellationToken Token { get; }
    public Task Task { get; private set; } = Task.CompletedTask;
    public bool IsCompleted => Task.IsCompleted;
    public long Bytes => Interlocked.Read(ref _bytes);
    /// <summary>
    /// The final reply when the data went out whole but the command still fell short (a listing stopped at the
    /// server's cap); null for 226.
    /// </summary>
    public (int Code, string Text)? Shortfall { get; set; }

    public DateTime LastActivity => new(Interlocked.Read(ref _lastActivityTicks), DateTimeKind.Utc);

    /// <summary>Why it was cancelled; <see cref="TransferEnd.SessionClosed"/> when the session's own token fired first.</summary>
    public TransferEnd EndReason
    {
        get
        {
            var end = (TransferEnd)Volatile.Read(ref _end);
            return end == TransferEnd.None && Token.IsCancellationRequested ? TransferEnd.SessionClosed : end;
        }
    }

    public void Start(Func<Task> run) => Task = run();

    public void Cancel(TransferEnd reason)
    {
        Interlocked.CompareExchange(ref _end, (int)reason, (int)TransferEnd.None);
        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>
    /// Unhooks the transfer from its session's token. Without it every transfer of a long session would stay
    /// registered there until the session ends.
    /// </summary>
    public void Dispose() => _cancel.Dispose();

    /// <summary>Counts bytes moved; also what tells the heartbeat the transfer is alive.</summary>
    public void Progress(int bytes)
    {
        Interlocked.Add(ref _bytes, bytes);
        Interlocked.Exchange(ref _lastActivityTicks, DateTime.UtcNow.Ticks);
    }
}
