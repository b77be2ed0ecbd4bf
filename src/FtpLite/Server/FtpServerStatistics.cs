namespace FtpLite.Server;

/// <summary>Live counters of a running server, safe to read from any thread.</summary>
public sealed class FtpServerStatistics
{
    private long _activeSessions;
    private long _totalSessions;
    private long _rejectedSessions;
    private long _bytesReceived;
    private long _bytesSent;
    private long _filesReceived;
    private long _filesSent;
    private long _failedTransfers;
    private long _failedLogins;

    public long ActiveSessions => Interlocked.Read(ref _activeSessions);
    public long TotalSessions => Interlocked.Read(ref _totalSessions);

    /// <summary>Connections turned away with 421 by the session limits.</summary>
    public long RejectedSessions => Interlocked.Read(ref _rejectedSessions);
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);
    public long BytesSent => Interlocked.Read(ref _bytesSent);
    public long FilesReceived => Interlocked.Read(ref _filesReceived);
    public long FilesSent => Interlocked.Read(ref _filesSent);
    public long FailedTransfers => Interlocked.Read(ref _failedTransfers);
    public long FailedLogins => Interlocked.Read(ref _failedLogins);

    internal void SessionStarted() { Interlocked.Increment(ref _activeSessions); Interlocked.Increment(ref _totalSessions); }
    internal void SessionEnded() => Interlocked.Decrement(ref _activeSessions);
    internal void SessionRejected() => Interlocked.Increment(ref _rejectedSessions);
    internal void AddReceived(long bytes) => Interlocked.Add(ref _bytesReceived, bytes);
    internal void AddSent(long bytes) => Interlocked.Add(ref _bytesSent, bytes);
    internal void FileReceived() => Interlocked.Increment(ref _filesReceived);
    internal void FileSent() => Interlocked.Increment(ref _filesSent);
    internal void TransferFailed() => Interlocked.Increment(ref _failedTransfers);
    internal void LoginFailed() => Interlocked.Increment(ref _failedLogins);
}
