using System.Net;
using System.Net.Sockets;

namespace FtpLite.Client;

/// <summary>One data connection: a connected socket and its stream, closed gracefully after a transfer or reset on abort.</summary>
internal sealed class FtpDataConnection : IDisposable
{
    private readonly Socket _socket;

    private FtpDataConnection(Socket socket)
    {
        _socket = socket;
        Stream = new NetworkStream(socket, ownsSocket: true);
    }

    public NetworkStream Stream { get; }

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

    /// <summary>Ends an upload: the server sees end-of-file and knows the whole file arrived.</summary>
    public void CloseGracefully()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        Stream.Dispose();
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
