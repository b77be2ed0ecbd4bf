using FtpLite.Client;
using FtpLite.Tests.Client.Peers;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Client.Tls;

/// <summary>What only a real FTPS server can show: that the data connections resumed the control connection's session.</summary>
[Collection(LocalhostTlsSessions.Name)]
public sealed class VsftpdTlsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Transfers_RequireSslReuse_EveryDataConnectionResumedAndClosedWithCloseNotify()
    {
        await using var vsftpd = await VsftpdServer.StartAsync(Token, new VsftpdTls());
        using var client = await FtpClient.ConnectAsync(vsftpd.ClientOptions(), Token);
        var bytes = RandomBytes(1_000_003, seed: 7);

        await client.UploadAsync(new MemoryStream(bytes), "r.bin", cancellationToken: Token);
        var back = new MemoryStream();
        await client.DownloadAsync("r.bin", back, cancellationToken: Token);
        var items = await client.ListAsync(cancellationToken: Token);
        Assert.True(client.IsEncrypted);
        Assert.True(client.IsDataProtected);
        await client.DisconnectAsync(Token);

        Assert.Equal(bytes, back.ToArray());
        Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(vsftpd.Root, "r.bin")));
        Assert.Contains(items, i => i.Name == "r.bin");
        var handshakes = SslLines(vsftpd.Log);
        // debug_ssl logs one line per handshake: the control connection's first, then one per data connection.
        Assert.Equal(4, handshakes.Length);
        Assert.Contains("not reused", handshakes[0]);
        Assert.All(handshakes.Skip(1), line => Assert.Contains(", reused", line));
        // strict_ssl_read_eof: the upload ended with our close_notify, not a bare FIN.
        Assert.Contains("SSL shutdown state is: SSL_RECEIVED_SHUTDOWN", vsftpd.Log);
    }

    [Fact]
    public async Task TwoClientsToOneServer_EachKeepsResuming()
    {
        // .NET keeps one session per host name for the whole process: the second client's replaces the first's.
        await using var vsftpd = await VsftpdServer.StartAsync(Token, new VsftpdTls());
        File.WriteAllBytes(Path.Combine(vsftpd.Root, "f.bin"), RandomBytes(70_000, seed: 8));
        using var first = await FtpClient.ConnectAsync(vsftpd.ClientOptions(), Token);
        using var second = await FtpClient.ConnectAsync(vsftpd.ClientOptions(), Token);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(70_000, await first.DownloadAsync("f.bin", new MemoryStream(), cancellationToken: Token));
            Assert.Equal(70_000, await second.DownloadAsync("f.bin", new MemoryStream(), cancellationToken: Token));
        }
        Assert.All(SslLines(vsftpd.Log).Where(l => l.Contains("[nobody]")), line => Assert.Contains(", reused", line));
    }

    /// <summary>
    /// .NET caches one session per host name for the whole process. A second client under the same name, to another
    /// server that speaks TLS 1.3 (ours), would replace the first client's session with one vsftpd cannot resume.
    /// Each live client therefore handshakes under its own spelling of the name.
    /// </summary>
    [Fact]
    public async Task AnotherClientUnderTheSameName_ToAnotherServer_DoesNotSpoilResumption()
    {
        await using var vsftpd = await VsftpdServer.StartAsync(Token, new VsftpdTls());
        await using var ours = FtpLiteServerPeer.StartTls(FtpEncryption.Explicit);
        File.WriteAllBytes(Path.Combine(vsftpd.Root, "f.bin"), RandomBytes(50_000, seed: 9));
        using var first = await FtpClient.ConnectAsync(vsftpd.ClientOptions(), Token);
        var otherOptions = ours.ClientOptions();
        otherOptions.TlsServerName = "localhost";
        using var other = await FtpClient.ConnectAsync(otherOptions, Token);
        await other.ListAsync(cancellationToken: Token);

        Assert.Equal(50_000, await first.DownloadAsync("f.bin", new MemoryStream(), cancellationToken: Token));
        Assert.Equal(50_000, await first.DownloadAsync("f.bin", new MemoryStream(), cancellationToken: Token));
        Assert.All(SslLines(vsftpd.Log).Skip(1), line => Assert.Contains(", reused", line));
    }

    [Fact]
    public async Task HostIsIpAddressWithoutServerName_NoResumption_522WithHint()
    {
        await using var vsftpd = await VsftpdServer.StartAsync(Token, new VsftpdTls());
        var options = vsftpd.ClientOptions();
        options.TlsServerName = null; // Host is 127.0.0.1: .NET caches no session for an IP address.
        using var client = await FtpClient.ConnectAsync(options, Token);

        var e = await Assert.ThrowsAsync<FtpException>(() => client.ListAsync(cancellationToken: Token));

        Assert.Equal(522, e.Code);
        Assert.Contains("TlsServerName", e.Message);
        Assert.Contains("not reused", SslLines(vsftpd.Log).Last());
        Assert.Contains("No SSL session reuse on data channel.", vsftpd.Log);
    }

    [Fact]
    public async Task WithoutPin_SelfSignedCertificate_RejectedWithThumbprint()
    {
        await using var vsftpd = await VsftpdServer.StartAsync(Token, new VsftpdTls());
        var options = vsftpd.ClientOptions();
        options.CertificateThumbprint = null;

        var e = await Assert.ThrowsAsync<FtpException>(() => FtpClient.ConnectAsync(options, Token));

        Assert.Equal(FtpErrorKind.CertificateRejected, e.Kind);
        Assert.Contains(FtpLite.Tls.CertificateFiles.Sha256Thumbprint(vsftpd.Tls!.Certificate), e.Message);
    }

    private static string[] SslLines(string log) =>
        log.Split('\n').Where(l => l.Contains("SSL version:", StringComparison.Ordinal)).ToArray();

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
