using System.IO;
using System.Management.Automation;
using System.Net.Sockets;
using System.Security.Authentication;
using FtpLite.Client;

namespace FtpLite.PowerShell.Infrastructure;

/// <summary>Turns exceptions into ErrorRecords: the one place that decides an exception's <see cref="ErrorCategory"/>.</summary>
internal static class ErrorMapping
{
    public static ErrorCategory CategoryOf(Exception exception)
    {
        exception = Unwrap(exception);
        return exception switch
        {
            // A caller's cancellation is a stop, never a timeout.
            OperationCanceledException => ErrorCategory.OperationStopped,
            FtpException ftp => CategoryOf(ftp),
            TimeoutException => ErrorCategory.OperationTimeout,
            SocketException socket => CategoryOf(socket.SocketErrorCode),
            AuthenticationException => ErrorCategory.SecurityError,
            UnauthorizedAccessException => ErrorCategory.PermissionDenied,
            FileNotFoundException or DirectoryNotFoundException => ErrorCategory.ObjectNotFound,
            IOException io when io.InnerException is SocketException => ErrorCategory.ConnectionError,
            PathTooLongException => ErrorCategory.InvalidArgument,
            IOException => ErrorCategory.NotSpecified,
            ArgumentException => ErrorCategory.InvalidArgument,
            FormatException => ErrorCategory.InvalidData,
            NotSupportedException => ErrorCategory.NotImplemented,
            ObjectDisposedException => ErrorCategory.InvalidOperation,
            InvalidOperationException => ErrorCategory.InvalidOperation,
            _ => ErrorCategory.NotSpecified,
        };
    }

    /// <summary>The client's failures by kind; a login refusal is an AuthenticationError throughout the module.</summary>
    public static ErrorCategory CategoryOf(FtpException exception) => exception.Kind switch
    {
        FtpErrorKind.NotFound => ErrorCategory.ObjectNotFound,
        FtpErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
        FtpErrorKind.LoginFailed => ErrorCategory.AuthenticationError,
        FtpErrorKind.ConnectionFailed or FtpErrorKind.ConnectionLost => ErrorCategory.ConnectionError,
        FtpErrorKind.Timeout => ErrorCategory.OperationTimeout,
        FtpErrorKind.ProtocolError => ErrorCategory.ProtocolError,
        FtpErrorKind.NotSupported => ErrorCategory.NotImplemented,
        FtpErrorKind.HashMismatch => ErrorCategory.InvalidResult,
        FtpErrorKind.AlreadyExists => ErrorCategory.ResourceExists,
        FtpErrorKind.CertificateRejected => ErrorCategory.SecurityError,
        _ when exception.IsTransient => ErrorCategory.ResourceUnavailable,
        _ => ErrorCategory.InvalidOperation,
    };

    /// <summary>
    /// The id for a client failure: the kinds a script tells apart have ids of their own, the rest get
    /// <paramref name="fallbackId"/>, which names the operation (a transfer, a delete).
    /// </summary>
    public static string IdOf(Exception exception, string fallbackId) => Unwrap(exception) switch
    {
        FtpException { Kind: FtpErrorKind.NotFound } => ErrorIds.RemoteItemNotFound,
        FtpException { Kind: FtpErrorKind.PermissionDenied } => ErrorIds.PermissionDenied,
        FtpException { Kind: FtpErrorKind.LoginFailed } => ErrorIds.LoginFailed,
        FtpException { Kind: FtpErrorKind.ConnectionFailed } => ErrorIds.ConnectionFailed,
        FtpException { Kind: FtpErrorKind.ConnectionLost } => ErrorIds.ConnectionLost,
        FtpException { Kind: FtpErrorKind.Timeout } => ErrorIds.OperationTimedOut,
        FtpException { Kind: FtpErrorKind.HashMismatch } => ErrorIds.HashMismatch,
        FtpException { Kind: FtpErrorKind.AlreadyExists } => ErrorIds.TargetExists,
        FtpException { Kind: FtpErrorKind.CertificateRejected } => ErrorIds.CertificateRejected,
        SocketException => ErrorIds.ConnectionFailed,
        TimeoutException => ErrorIds.OperationTimedOut,
        _ => fallbackId,
    };

    public static ErrorCategory CategoryOf(SocketError error) => error switch
    {
        SocketError.AddressAlreadyInUse => ErrorCategory.ResourceUnavailable,
        SocketError.AccessDenied => ErrorCategory.PermissionDenied,
        SocketError.AddressNotAvailable => ErrorCategory.InvalidArgument,
        SocketError.TimedOut => ErrorCategory.OperationTimeout,
        _ => ErrorCategory.ConnectionError,
    };

    /// <summary>An ErrorRecord for <paramref name="exception"/>; <paramref name="message"/>, when given, is the friendly text users read.</summary>
    public static ErrorRecord Create(Exception exception, string errorId, object? target, ErrorCategory? category = null, string? message = null)
    {
        exception = Unwrap(exception);
        var record = new ErrorRecord(exception, errorId, category ?? CategoryOf(exception), target);
        if (message is not null) record.ErrorDetails = new ErrorDetails(message);
        if (exception is FtpException { Kind: FtpErrorKind.CertificateRejected })
        {
            record.ErrorDetails ??= new ErrorDetails(exception.Message);
            record.ErrorDetails.RecommendedAction =
                "Compare the certificate's SHA-256 thumbprint in this message with the one the server's administrator gives you; if they match, pin it with -CertificateThumbprint.";
        }
        return record;
    }

    /// <summary>An ErrorRecord for a failure found by the cmdlet itself, with no exception behind it.</summary>
    public static ErrorRecord Create(string message, string errorId, ErrorCategory category, object? target) =>
        new(new FtpLiteCommandException(message), errorId, category, target);

    /// <summary>The exception that says what went wrong, not the wrappers tasks put around it.</summary>
    public static Exception Unwrap(Exception exception)
    {
        while (exception is AggregateException aggregate && aggregate.InnerExceptions.Count == 1) exception = aggregate.InnerExceptions[0];
        return exception;
    }
}
