using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FtpLite.PowerShell.Tests.Support;

/// <summary>Raw TCP probes of a server: can a client connect, and what does it say first.</summary>
public static class Tcp
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static bool CanConnect(int port)
    {
        using var client = new TcpClient();
        try
        {
            return client.ConnectAsync(IPAddress.Loopback, port).Wait(Timeout) && client.Connected;
        }
        catch (AggregateException e) when (e.InnerException is SocketException)
        {
            return false;
        }
    }

    /// <summary>Connects and reads the first line the server sends (its greeting), or null if it closes first.</summary>
    public static string? ReadFirstLine(int port)
    {
        using var client = new TcpClient();
        Assert.True(client.ConnectAsync(IPAddress.Loopback, port).Wait(Timeout), $"No connection to port {port}.");
        var stream = client.GetStream();
        stream.ReadTimeout = (int)Timeout.TotalMilliseconds;
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return reader.ReadLine();
    }
}
