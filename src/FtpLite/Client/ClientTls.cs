using System.Net.Security;
using System.Security.Authentication;
using FtpLite.Tls;

namespace FtpLite.Client;

/// <summary>
/// The client's TLS handshake, the same for the control and every data connection: one target host, one protocol set,
/// no client certificate and no cipher policy. That sameness is what lets .NET (on Linux, OpenSSL) resume the control
/// connection's session on the data connections: its client session cache is process-wide, one SSL_CTX per protocol
/// set and client certificate, holding one session per host name (and none for an IP address). Each client passes the
/// spelling of the host name it leased from <see cref="TlsSessionNames"/>, so clients side by side keep their own.
/// </summary>
internal static class ClientTls
{
    /// <summary>Wraps <paramref name="inner"/> in TLS; every failure becomes an <see cref="FtpException"/> (a caller's cancellation excepted).</summary>
    public static async Task<SslStream> AuthenticateAsync(Stream inner, string host, FtpClientOptions options, string where, CancellationToken cancellationToken)
    {
        var check = new ServerCertificateCheck(options);
        try
        {
            return await TlsStreams.AuthenticateAsClientAsync(inner, host, check.Validate, options.TlsProtocols, options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (check.Rejection is not null && e is not OperationCanceledException)
        {
            throw new FtpException(FtpErrorKind.CertificateRejected, $"The TLS certificate of {host} was rejected {where}: {check.Rejection}.", null, e);
        }
        catch (TimeoutException e)
        {
            throw new FtpException(FtpErrorKind.Timeout, $"The TLS handshake {where} with {host} timed out after {options.ConnectTimeout.TotalSeconds:0.#} s.", null, e);
        }
        catch (Exception e) when (e is AuthenticationException or IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            throw new FtpException(FtpErrorKind.ConnectionFailed, $"The TLS handshake {where} with {host} failed: {e.Message}", null, e);
        }
    }
}
