using FtpLite.Protocol;

namespace FtpLite.Client;

/// <summary>
/// A failed FTP operation. <see cref="Kind"/> says what failed; <see cref="Reply"/> holds the server's words when it had any.
/// A caller's own cancellation is never an FtpException: it is an <see cref="OperationCanceledException"/>.
/// </summary>
public class FtpException : Exception
{
    public FtpException(FtpErrorKind kind, string message, FtpReply? reply = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Reply = reply;
    }

    public FtpErrorKind Kind { get; }

    /// <summary>The reply that made the operation fail, or null when the failure was not a reply (socket, timeout).</summary>
    public FtpReply? Reply { get; }

    /// <summary>The reply code, or null when there was no reply.</summary>
    public int? Code => Reply?.Code;

    /// <summary>True when trying again may work: a 4xx reply, a timeout or a lost connection.</summary>
    public bool IsTransient =>
        Reply is { IsTransientFailure: true } ||
        Kind is FtpErrorKind.Timeout or FtpErrorKind.ConnectionLost or FtpErrorKind.ConnectionFailed;

    /// <summary>Builds the exception for a refused command, choosing the kind from the code (and, for 550, the text).</summary>
    public static FtpException FromReply(string command, FtpReply reply, bool commandNamesPath = false)
    {
        var kind = KindOf(reply, commandNamesPath);
        return new FtpException(kind, $"{command} failed: {reply.Code} {reply.Message}", reply);
    }

    internal static FtpErrorKind KindOf(FtpReply reply, bool commandNamesPath)
    {
        switch (reply.Code)
        {
            case 530:
            case 332:
                return FtpErrorKind.LoginFailed;
            case 500:
            case 502:
            case 504:
                return FtpErrorKind.NotSupported;
            case 421:
                return FtpErrorKind.ConnectionLost;
        }
        if (!commandNamesPath || (reply.Code != 550 && reply.Code != 553 && reply.Code != 450)) return FtpErrorKind.CommandFailed;
        // 550 means both "no such file" and "not allowed"; servers say which only in the text.
        var text = reply.Message;
        if (Contains(text, "denied") || Contains(text, "permission") || Contains(text, "not allowed")) return FtpErrorKind.PermissionDenied;
        return reply.Code == 553 ? FtpErrorKind.PermissionDenied : FtpErrorKind.NotFound;
    }

    private static bool Contains(string text, string word) => text.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0;
}
