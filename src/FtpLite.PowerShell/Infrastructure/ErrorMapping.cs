using System.IO;
using System.Management.Automation;
using System.Net.Sockets;
using System.Security.Authentication;

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
            // Phase 2: the client's reply exceptions go here (550 -> ObjectNotFound, 530 -> AuthenticationError, 4xx -> ResourceUnavailable).
            _ => ErrorCategory.NotSpecified,
        };
    }

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
