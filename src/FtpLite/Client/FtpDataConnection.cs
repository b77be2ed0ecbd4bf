using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using FtpLite.Tls;

namespace FtpLite.Client;

/// <summary>
/// One data connection: a connected socket and its stream (TLS when protected), closed gracefully after a transfer
/// or reset on abort.
/// </summary>
internal sealed class FtpDataConnection : IDisposable
{
    /// <summary>Reads allowed while waiting for the server's end after an upload; it has nothing to send but TLS records.</summary>
    private const int MaxDrainReads = 64;

    private readonly Socket _socket;
    private SslStream? _tls;

    private FtpDataConnection(Socket socket)
    {
        _socket = socket;
        Stream = new NetworkStream(socket, ownsSocket: true);
    }

    public Stream Stream { get; private set; }

    public static async Task<FtpDataConnection> ConnectAsync(IPEndPoint endPoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var scope = new TimeoutScope(timeout, socket.Dispose, cancellationToken);
        try
        {
            await socket.ConnectAsync(endPoint.Address, endPoint.Port).ConfigureAwait(false);
            return new FtpDataConnection(socket);
        }
        catch (Exception e) when (scope.Fired)
        {
            socket.Dispose();
            throw scope.Translate(e, $"Opening the data connection to {endPoint}");
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            socket.Dispose();
            throw new FtpException(FtpErrorKind.ConnectionFailed, $"Could not open the data connection to {endPoint}: {e.Message}", null, e);
        }
    }

    /// <summary>Runs the TLS handshake (after the server's 150, which is when servers start theirs).</summary>
    public async Task StartTlsAsync(string host, FtpClientOptions options, CancellationToken cancellationToken)
    {
        _tls = await ClientTls.AuthenticateAsync(TlsStreams.GatherRecords(Stream), host, options, "on the data connection", cancellationToken).ConfigureAwait(false);
        Stream = _tls;
    }

    /// <summary>
    /// Ends an upload so the server knows the whole file arrived: close_notify (TLS) and FIN. Under TLS the server's
    /// own records (its close_notify, TLS 1.3 session tickets) are then read to the end: closing with them unread
    /// resets the connection, and a reset can cost the server the file's tail.
    /// </summary>
    public async Task CompleteUploadAsync(CancellationToken cancellationToken)
    {
        if (_tls is not null) await TlsStreams.ShutdownAsync(_tls).ConfigureAwait(false);
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        if (_tls is not null)
        {
            var buffer = new byte[4096];
            try
            {
                for (var i = 0; i < MaxDrainReads; i++)
                {
                    if (await _tls.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false) == 0) break;
                }
            }
            catch (Exception e) when (e is IOException or SocketException && !cancellationToken.IsCancellationRequested)
            {
                // Every byte and our close_notify are out; a server that resets now has its say in the closing reply.
            }
        }
        Stream.Dispose();
    }

    /// <summary>Ends a download that was read to its end; under TLS our close_notify answers the server's (best effort).</summary>
    public async Task CompleteDownloadAsync()
    {
        if (_tls is not null) await TlsStreams.ShutdownAsync(_tls).ConfigureAwait(false);
        Stream.Dispose();
    }

    /// <summary>
    /// Reads and discards until the server ends the connection, at most <paramref name="maxBytes"/> and
    /// <paramref name="limit"/>; true when it ended. For a cancelled download after ABOR, so the server stops on its own.
    /// </summary>
    public async Task<bool> DrainAsync(TimeSpan limit, long maxBytes)
    {
        using var timer = new CancellationTokenSource(limit);
        // Closing the socket is what ends a pending read on every runtime.
        using var registration = timer.Token.Register(Abort);
        var buffer = new byte[64 * 1024];
        long total = 0;
        try
        {
            while (total < maxBytes)
            {
                var read = await Stream.ReadAsync(buffer, 0, buffer.Length, timer.Token).ConfigureAwait(false);
                if (read == 0) return true;
                total += read;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException
                                      or InvalidOperationException or NotSupportedException)
        {
            // A read cancelled mid-record leaves TLS unusable; the connection is reset after all.
        }
        return false;
    }

    /// <summary>Resets the connection (RST, not FIN), so the server cannot mistake an aborted upload for a complete one.</summary>
    public void Abort()
    {
        try
        {
            _socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        Stream.Dispose();
    }

    public void Dispose() => Stream.Dispose();
}
