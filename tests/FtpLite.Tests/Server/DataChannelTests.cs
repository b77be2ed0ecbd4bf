using System.Net;
using System.Net.Sockets;
using System.Text;
using FtpLite.Protocol;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Server;

public class DataChannelTests
{
    private static readonly IPAddress OtherHost = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task Pasv_AnnouncesTheControlAddress_AndTransfers()
    {
        await using var server = TestServer.Start();
        File.WriteAllText(server.PathOf("f.txt"), "via pasv");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        var reply = await ftp.CommandAsync("PASV");
        Assert.Equal(227, reply.Code);
        Assert.True(HostPortCodec.TryParsePasvReply(reply.Message, out var endPoint));
        Assert.Equal(IPAddress.Loopback, endPoint!.Address);
        using var data = new TcpClient();
        await data.ConnectAsync(endPoint);
        Assert.Equal(150, (await ftp.CommandAsync("RETR f.txt")).Code);
        using var reader = new StreamReader(data.GetStream());
        Assert.Equal("via pasv", await reader.ReadToEndAsync());
        Assert.Equal(226, (await ftp.ReadReplyAsync()).Code);
    }

    [Fact]
    public async Task Pasv_AnnouncesTheConfiguredAddress_ForNat()
    {
        await using var server = TestServer.Start(o => o.PassiveAddress = IPAddress.Parse("203.0.113.7"));
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        var reply = await ftp.CommandAsync("PASV");
        Assert.True(HostPortCodec.TryParsePasvReply(reply.Message, out var endPoint));
        Assert.Equal(IPAddress.Parse("203.0.113.7"), endPoint!.Address);
    }

    [Fact]
    public async Task PassivePorts_ComeFromTheConfiguredRange()
    {
        var min = FreePortRange(8);
        await using var server = TestServer.Start(o =>
        {
            o.PassivePortMin = min;
            o.PassivePortMax = min + 7;
        });
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.True(HostPortCodec.TryParseEpsvReply((await ftp.CommandAsync("EPSV")).Message, out var port));
            Assert.InRange(port, min, min + 7);
        }
    }

    [Fact]
    public async Task PassivePorts_ByDefault_ComeFromTheDynamicRange()
    {
        await using var server = TestServer.Start();
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.True(HostPortCodec.TryParseEpsvReply((await ftp.CommandAsync("EPSV")).Message, out var port));
            Assert.InRange(port, 49152, 65535);
        }
    }

    /// <summary>
    /// The server closes a download's data connection first, so its side of it waits in TIME_WAIT on the passive port
    /// for a minute. A narrow range (a firewall opening a few ports) must still serve the next transfer at once.
    /// </summary>
    [Fact]
    public async Task OnePortRange_ServesDownloadAfterDownload_ThroughTimeWait()
    {
        var port = FreePortRange(1);
        await using var server = TestServer.Start(o =>
        {
            o.PassivePortMin = port;
            o.PassivePortMax = port;
        });
        var content = server.RootFolder.WriteRandomFile("f.bin", 10_000);
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        for (var i = 0; i < 3; i++)
        {
            var (data, reply) = await ftp.DownloadAsync("RETR f.bin");
            Assert.Equal(226, reply.Code);
            Assert.Equal(content, data);
        }
    }

    [Fact]
    public async Task PassiveConnectionFromAnotherAddress_IsRefused_TheClientsOwnIsServed()
    {
        await using var server = TestServer.Start();
        File.WriteAllText(server.PathOf("secret.txt"), "for the client only");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        Assert.True(HostPortCodec.TryParseEpsvReply((await ftp.CommandAsync("EPSV")).Message, out var port));
        await ftp.SendAsync("RETR secret.txt");

        // A thief on another address connects first: it is closed without a byte.
        using var thief = new TcpClient(new IPEndPoint(OtherHost, 0));
        await thief.ConnectAsync(IPAddress.Loopback, port);
        var stolen = new MemoryStream();
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await thief.GetStream().CopyToAsync(stolen, deadline.Token);
            }
            catch (IOException)
            {
                // Reset: equally refused.
            }
        }
        Assert.Equal(0, stolen.Length);

        using var data = new TcpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await data.ConnectAsync(IPAddress.Loopback, port);
        Assert.Equal(150, (await ftp.ReadReplyAsync()).Code);
        using var reader = new StreamReader(data.GetStream());
        Assert.Equal("for the client only", await reader.ReadToEndAsync());
        Assert.Equal(226, (await ftp.ReadReplyAsync()).Code);
    }

    [Fact]
    public async Task ActivePort_ConnectsBackToTheClient()
    {
        await using var server = TestServer.Start();
        File.WriteAllText(server.PathOf("f.txt"), "via port");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var local = (IPEndPoint)listener.LocalEndpoint;
        Assert.Equal(200, (await ftp.CommandAsync("PORT " + HostPortCodec.FormatPort(local))).Code);
        await ftp.SendAsync("RETR f.txt");
        using var data = await listener.AcceptTcpClientAsync();
        Assert.Equal(150, (await ftp.ReadReplyAsync()).Code);
        using var reader = new StreamReader(data.GetStream());
        Assert.Equal("via port", await reader.ReadToEndAsync());
        Assert.Equal(226, (await ftp.ReadReplyAsync()).Code);
    }

    [Fact]
    public async Task ActiveEprt_Works()
    {
        await using var server = TestServer.Start();
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Assert.Equal(200, (await ftp.CommandAsync("EPRT " + HostPortCodec.FormatExtendedPort((IPEndPoint)listener.LocalEndpoint))).Code);
        await ftp.SendAsync("STOR up.txt");
        using (var data = await listener.AcceptTcpClientAsync())
        {
            Assert.Equal(150, (await ftp.ReadReplyAsync()).Code);
            await data.GetStream().WriteAsync(Encoding.ASCII.GetBytes("active upload"));
        }
        Assert.Equal(226, (await ftp.ReadReplyAsync()).Code);
        Assert.Equal("active upload", File.ReadAllText(server.PathOf("up.txt")));
    }

    [Theory]
    [InlineData("PORT 10,0,0,1,200,10")]            // another host: FTP bounce
    [InlineData("PORT 127,0,0,2,200,10")]
    [InlineData("PORT 127,0,0,1,0,21")]              // a privileged port
    [InlineData("EPRT |1|198.51.100.1|2000|")]
    [InlineData("EPRT |1|127.0.0.1|25|")]
    public async Task ActiveModeBounce_Refused501(string command)
    {
        await using var server = TestServer.Start();
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        Assert.Equal(501, (await ftp.CommandAsync(command)).Code);
        Assert.Equal(425, (await ftp.CommandAsync("LIST")).Code);
    }

    [Theory]
    [InlineData("PORT 1,2,3")]
    [InlineData("PORT 300,0,0,1,4,1")]
    [InlineData("EPRT |3|127.0.0.1|2000|")]
    [InlineData("EPRT |1|::1|2000|")]
    [InlineData("EPRT garbage")]
    public async Task MalformedAddresses_501(string command)
    {
        await using var server = TestServer.Start();
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        Assert.Equal(501, (await ftp.CommandAsync(command)).Code);
    }

    [Fact]
    public async Task EpsvAll_ThenPortAndPasvRefused()
    {
        await using var server = TestServer.Start();
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        Assert.Equal(200, (await ftp.CommandAsync("EPSV ALL")).Code);
        Assert.Equal(503, (await ftp.CommandAsync("PORT 127,0,0,1,200,10")).Code);
        Assert.Equal(503, (await ftp.CommandAsync("PASV")).Code);
        Assert.Equal(229, (await ftp.CommandAsync("EPSV")).Code);
    }

    [Fact]
    public async Task OnePassiveListenerPerSession_TheEarlierOneCloses()
    {
        await using var server = TestServer.Start();
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        Assert.True(HostPortCodec.TryParseEpsvReply((await ftp.CommandAsync("EPSV")).Message, out var first));
        Assert.True(HostPortCodec.TryParseEpsvReply((await ftp.CommandAsync("EPSV")).Message, out _));
        using var late = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => late.ConnectAsync(IPAddress.Loopback, first));
    }

    [Fact]
    public async Task NoDataConnectionArrives_425AfterTheTimeout()
    {
        await using var server = TestServer.Start(o => o.DataConnectionTimeout = TimeSpan.FromMilliseconds(300));
        File.WriteAllText(server.PathOf("f.txt"), "f");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        await ftp.CommandAsync("EPSV");
        Assert.Equal(425, (await ftp.CommandAsync("RETR f.txt")).Code);
        Assert.Equal(200, (await ftp.CommandAsync("NOOP")).Code);
    }

    [Fact]
    public async Task Ipv6_ServerOnLoopbackV6_EpsvTransfers()
    {
        if (!Socket.OSSupportsIPv6) Assert.Skip("IPv6 is not available on this machine.");
        await using var server = TestServer.Start(o => o.ListenAddress = IPAddress.IPv6Loopback);
        File.WriteAllText(server.PathOf("v6.txt"), "over ipv6");
        using var ftp = await RawFtpConnectionV6.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        Assert.Equal(425, (await ftp.CommandAsync("PASV")).Code);
        Assert.Equal(522, (await ftp.CommandAsync("EPSV 1")).Code);
        var reply = await ftp.CommandAsync("EPSV 2");
        Assert.True(HostPortCodec.TryParseEpsvReply(reply.Message, out var port));
        using var data = new TcpClient(AddressFamily.InterNetworkV6);
        await data.ConnectAsync(IPAddress.IPv6Loopback, port);
        Assert.Equal(150, (await ftp.CommandAsync("RETR v6.txt")).Code);
        using var reader = new StreamReader(data.GetStream());
        Assert.Equal("over ipv6", await reader.ReadToEndAsync());
    }

    /// <summary>
    /// A block of <paramref name="count"/> ports free right now, for the passive range. Taken below the system's
    /// ephemeral range (32768 and up on Linux), where no other test's outgoing connection can land meanwhile.
    /// </summary>
    private static int FreePortRange(int count)
    {
        var random = new Random();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var start = random.Next(20_000, 32_000 - count);
            var free = Enumerable.Range(start, count).All(p =>
            {
                try
                {
                    var l = new TcpListener(IPAddress.Loopback, p);
                    l.Start();
                    l.Stop();
                    return true;
                }
                catch (SocketException)
                {
                    return false;
                }
            });
            if (free) return start;
        }
        throw new InvalidOperationException("No free block of ports found.");
    }

    /// <summary>The raw connection, over IPv6.</summary>
    private static class RawFtpConnectionV6
    {
        public static Task<RawFtpConnection> ConnectAsync(IPEndPoint server) => RawFtpConnection.ConnectAsync(server, IPAddress.IPv6Loopback);
    }
}
