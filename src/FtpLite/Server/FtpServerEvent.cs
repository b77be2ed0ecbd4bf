using System.Net;

namespace FtpLite.Server;

/// <summary>What happened, for logs: a session starting or ending, a login, a transfer.</summary>
public enum FtpServerEventKind
{
    ServerStarted,
    ServerStopped,
    SessionStarted,
    SessionRejected,
    LoginSucceeded,
    LoginFailed,
    TransferCompleted,
    TransferFailed,
    FileChanged,
    SessionEnded,
    Error,
}

/// <summary>One event of a running server. Raised on pool threads or the server's accept thread: handlers must be quick and thread-safe.</summary>
public sealed class FtpServerEventArgs : EventArgs
{
    internal FtpServerEventArgs(FtpServerEventKind kind, long sessionId, IPEndPoint? remote, string? user, string message)
    {
        Kind = kind;
        SessionId = sessionId;
        RemoteEndPoint = remote;
        UserName = user;
        Message = message;
        Time = DateTimeOffset.UtcNow;
    }

    public FtpServerEventKind Kind { get; }

    /// <summary>The session's number, 0 for events of the server itself.</summary>
    public long SessionId { get; }
    public IPEndPoint? RemoteEndPoint { get; }
    public string? UserName { get; }
    public string Message { get; }
    public DateTimeOffset Time { get; }

    /// <summary>The virtual path a transfer or change concerned.</summary>
    public string? Path { get; internal set; }

    /// <summary>Bytes moved by a transfer.</summary>
    public long Bytes { get; internal set; }

    /// <summary>How long a transfer took.</summary>
    public TimeSpan Duration { get; internal set; }

    public override string ToString()
    {
        var who = SessionId == 0 ? "server" : $"#{SessionId} {RemoteEndPoint}{(UserName is null ? string.Empty : " " + UserName)}";
        return $"{Time:yyyy-MM-dd HH:mm:ss} [{who}] {Kind}: {Message}";
    }
}
