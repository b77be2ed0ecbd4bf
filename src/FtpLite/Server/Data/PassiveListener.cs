using System.Net;
using System.Net.Sockets;
using FtpLite.Protocol;

namespace FtpLite.Server.Data;

/// <summary>
/// The listening socket a PASV or EPSV opened: one per session at a time, on a port from the configured range,
/// accepting only a connection from the control connection's own peer (no passive-port theft).
/// </summary>
internal sealed class PassiveListener : IDisposable
{
    private static readonly Random PortPicker = new();
    private readonly TcpListener _listener;

    private PassiveListener(TcpListener listener)
    {
        _listener = listener;
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public int Port { get; }

    /// <summary>
    /// Opens a listener on <paramref name="address"/>, on a random free port of the range.
    /// </summary>
    /// <remarks>
    /// Always an explicit port, never port 0. A download's data connection is closed by the server first, so it waits
    /// in TIME_WAIT on its passive port for a minute; an explicit bind may reuse such a port (.NET sets SO_REUSEADDR
    /// on Unix), but for port 0 Linux looks for a port nothing touches. On a busy server (lftp mirroring small files
    /// leaves ~12,000 such sockets) that search made each PASV take over a millisecond and transfers 5x slower.
    /// </remarks>
    public static PassiveListener Open(IPAddress address, int minPort, int maxPort)
    {
        var count = maxPort - minPort + 1;
        int first;
        lock (PortPicker) first = PortPicker.Next(count);
        for (var i = 0; i < count; i++)
        {
            var port = minPort + (first + i) % count;
            try
            {
                return new PassiveListener(Start(address, port));
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse || e.SocketErrorCode == SocketError.AccessDenied)
            {
                // Taken by another session or program: try the next one.
            }
        }
        throw new SocketException((int)SocketError.AddressAlreadyInUse);
    }

    /// <summary>Waits for the client's data connection; connections from any other address are closed and ignored.</summary>
    public async Task<Socket> AcceptAsync(IPAddress allowedPeer, TimeSpan timeout, Action<IPEndPoint> onForeignPeer, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using (deadline.Token.Register(() => _listener.Stop()))
        {
            // Bounded: each foreign connection costs the attacker a connect, and the deadline ends the loop.
            while (true)
            {
                Socket socket;
                try
                {
                    socket = await _listener.AcceptSocketAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (deadline.IsCancellationRequested) throw new TimeoutException("No data connection arrived in time.");
                    throw;
                }
                var remote = (IPEndPoint)socket.RemoteEndPoint!;
                if (HostPortCodec.SameHost(remote.Address, allowedPeer)) return socket;
                onForeignPeer(remote);
                socket.Dispose();
            }
        }
    }

    public void Dispose() => _listener.Stop();

    private static TcpListener Start(IPAddress address, int port)
    {
        var listener = new TcpListener(address, port);
        listener.Start(backlog: 4);
        return listener;
    }
}
