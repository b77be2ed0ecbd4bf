using FtpLite.Client;
using FtpLite.Tests.Support;
using FtpLite.Tls;

namespace FtpLite.Tests.Client.Tls;

public sealed class ProtectionLevelTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RawProtC_ThenTransfers_InClearText_AndProtPBackInTls()
    {
        await using var server = TestServer.Start(o => o.Certificate = TestCertificate.Value);
        File.WriteAllText(server.PathOf("c.txt"), "clear");
        var options = new FtpClientOptions("127.0.0.1", server.Port)
        {
            Encryption = FtpEncryption.Explicit,
            CertificateThumbprint = CertificateFiles.Sha256Thumbprint(TestCertificate.Value),
        };
        using var client = await FtpClient.ConnectAsync(options, Token);

        Assert.Equal(200, (await client.ExecuteAsync("PROT C", Token)).Code);
        Assert.False(client.IsDataProtected);
        var clear = new MemoryStream();
        await client.DownloadAsync("c.txt", clear, cancellationToken: Token);
        Assert.Equal(200, (await client.ExecuteAsync("PROT P", Token)).Code);
        var protectedCopy = new MemoryStream();
        await client.DownloadAsync("c.txt", protectedCopy, cancellationToken: Token);

        Assert.True(client.IsDataProtected);
        Assert.Equal("clear", System.Text.Encoding.UTF8.GetString(clear.ToArray()));
        Assert.Equal("clear", System.Text.Encoding.UTF8.GetString(protectedCopy.ToArray()));
    }
}
