using System.Net;
using System.Net.Sockets;

namespace FtpLite.Server.Data;

/// <summary>Opens the data connection of active mode (PORT, EPRT): the server connects back to the client.</summary>
internal static class ActiveConnector
{
    public static async Task<Socket> ConnectAsync(IPEndPoint target, IPAddress localAddress, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // Leave from the address the client reached us on, so its firewall sees the host it expects.
            if (localAddress.AddressFamily == target.AddressFamily) socket.Bind(new IPEndPoint(localAddress, 0));
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            using (deadline.Token.Register(socket.Dispose))
            {
                try
                {
                    await socket.ConnectAsync(target).ConfigureAwait(false);
                }
                catch (Exception) when (deadline.IsCancellationRequested)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    throw new TimeoutException($"Could not connect to {target} in time.");
                }
            }
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
