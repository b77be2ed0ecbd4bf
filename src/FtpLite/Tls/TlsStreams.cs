using System.Net.Security;
using System.Reflection;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace FtpLite.Tls;

/// <summary>
/// The TLS steps the server and client share: a handshake with a deadline, and a clean close that sends close_notify.
/// </summary>
public static class TlsStreams
{
    /// <summary>TLS 1.2 and 1.3 only. (1.3 is spelled as its number: netstandard2.0's enum predates it.)</summary>
    public const SslProtocols Protocols = SslProtocols.Tls12 | (SslProtocols)12288;

    private static readonly MethodInfo? ShutdownMethod = typeof(SslStream).GetMethod("ShutdownAsync", Type.EmptyTypes);

    /// <summary>
    /// Runs the server side of a handshake; on timeout or failure the stream is disposed and the exception rethrown.
    /// A data connection (<paramref name="dataConnection"/>) is held to TLS 1.2. TLS 1.3 servers send session tickets
    /// after the handshake; a client that only uploads never reads them, and closing a socket with unread data sends a
    /// reset instead of an end of file, so curl's uploads ended in resets. Switching tickets off instead made GnuTLS
    /// clients (lftp) drop the connection. TLS 1.2 sends nothing after its handshake, and every FTPS client speaks it.
    /// </summary>
    public static async Task<SslStream> AuthenticateAsServerAsync(Stream inner, X509Certificate2 certificate, TimeSpan timeout, CancellationToken cancellationToken, bool dataConnection = false)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        try
        {
            var protocols = dataConnection ? SslProtocols.Tls12 : Protocols;
            await WithDeadline(ssl, ssl.AuthenticateAsServerAsync(certificate, false, protocols, false), timeout, cancellationToken).ConfigureAwait(false);
            return ssl;
        }
        catch
        {
            ssl.Dispose();
            throw;
        }
    }

    /// <summary>Runs the client side of a handshake, validating the server with <paramref name="validation"/>.</summary>
    public static async Task<SslStream> AuthenticateAsClientAsync(
        Stream inner, string targetHost, RemoteCertificateValidationCallback validation, SslProtocols protocols, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false, validation);
        try
        {
            await WithDeadline(ssl, ssl.AuthenticateAsClientAsync(targetHost, null, protocols, false), timeout, cancellationToken).ConfigureAwait(false);
            return ssl;
        }
        catch
        {
            ssl.Dispose();
            throw;
        }
    }

    /// <summary>Bytes of TLS records gathered into one send on a data connection: four full records, below the large-object heap.</summary>
    private const int GatherBytes = 256 * 1024;

    /// <summary>The stream a data connection's SslStream writes to: records gathered into larger sends (see <see cref="RecordCoalescingStream"/>).</summary>
    public static Stream GatherRecords(Stream socketStream) => new RecordCoalescingStream(socketStream, GatherBytes);

    /// <summary>
    /// Sends close_notify (RFC 4217 section 12.1: an FTPS data connection ends with it, so a truncation is detectable).
    /// SslStream.ShutdownAsync is newer than netstandard2.0; where the runtime lacks it, the close is a plain one.
    /// </summary>
    public static async Task ShutdownAsync(SslStream ssl)
    {
        try
        {
            if (ShutdownMethod?.Invoke(ssl, null) is Task shutdown) await shutdown.ConfigureAwait(false);
            // Sends what a gathering stream below still holds: the last records and the close_notify.
            await ssl.FlushAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            // The peer closed first (after its own close_notify): every byte has moved, there is no one left to tell.
        }
    }

    private static async Task WithDeadline(Stream stream, Task handshake, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using (deadline.Token.Register(stream.Dispose))
        {
            try
            {
                await handshake.ConfigureAwait(false);
            }
            catch (Exception) when (deadline.IsCancellationRequested)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new TimeoutException("The TLS handshake did not complete in time.");
            }
        }
    }
}
