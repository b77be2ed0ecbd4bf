using FtpLite.Cli.CommandLine;
using FtpLite.Client;

namespace FtpLite.Cli.Client;

/// <summary>Turns what a client operation threw into the exit code a script tests and the one line a person reads.</summary>
internal static class ClientFailure
{
    /// <summary>The failures a client verb reports and survives; anything else is a bug and should say so loudly.</summary>
    public static bool IsExpected(Exception e) =>
        e is FtpException or IOException or UnauthorizedAccessException or ArgumentException;

    /// <summary>The exit code for a failure while connecting and logging in.</summary>
    public static int ExitCodeOfConnect(Exception e) =>
        e is FtpException { Kind: FtpErrorKind.LoginFailed } ? ExitCodes.Login : ExitCodes.Connection;

    /// <summary>The exit code for a failure after login; <paramref name="transfer"/> when it happened moving a file.</summary>
    public static int ExitCodeOf(Exception e, bool transfer) => e switch
    {
        FtpException { Kind: FtpErrorKind.NotFound } => ExitCodes.NotFound,
        FtpException { Kind: FtpErrorKind.LoginFailed } => ExitCodes.Login,
        FtpException { Kind: FtpErrorKind.ConnectionFailed or FtpErrorKind.CertificateRejected } => ExitCodes.Connection,
        FileNotFoundException or DirectoryNotFoundException => ExitCodes.NotFound,
        _ when transfer => ExitCodes.Transfer,
        _ => ExitCodes.Failure,
    };

    /// <summary>One line, no stack trace; the library's messages already name the command and the server's reply.</summary>
    public static string Describe(Exception e)
    {
        var text = e switch
        {
            FtpException { Kind: FtpErrorKind.CertificateRejected } f => f.Message.Replace("with CertificateThumbprint", "with --pin THUMBPRINT"),
            FtpException { Kind: FtpErrorKind.LoginFailed } f when f.Message.Contains("AUTH TLS", StringComparison.Ordinal) => f.Message + " (connect with --tls explicit)",
            ArgumentException a when a.ParamName is not null => a.Message.Split(" (Parameter")[0],
            _ => e.Message,
        };
        return OneLine(text);
    }

    /// <summary>Server replies and file names can hold line breaks or control characters; one line must stay one line.</summary>
    public static string OneLine(string text) =>
        new(text.Select(c => c is '\r' or '\n' ? ' ' : char.IsControl(c) ? '?' : c).ToArray());
}
