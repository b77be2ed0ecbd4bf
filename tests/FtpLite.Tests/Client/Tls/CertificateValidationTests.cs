using FtpLite.Client;
using FtpLite.Tests.Client.Fakes;
using FtpLite.Tests.Client.Peers;
using FtpLite.Tests.Support;
using FtpLite.Tls;

namespace FtpLite.Tests.Client.Tls;

/// <summary>Which server certificates the client accepts: full validation by default, a pin, or (loudly) anything.</summary>
public sealed class CertificateValidationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Sha256 => CertificateFiles.Sha256Thumbprint(TestCertificate.Value);

    private static FtpClientOptions Explicit(FtpLiteServerPeer peer)
    {
        var options = peer.ClientOptions();
        options.CertificateThumbprint = null;
        return options;
    }

    [Fact]
    public async Task Pin_Sha256_Connects()
    {
        await using var peer = FtpLiteServerPeer.StartTls(FtpEncryption.Explicit);
        var options = Explicit(peer);
        options.CertificateThumbprint = Sha256.ToLowerInvariant();

        using var client = await FtpClient.ConnectAsync(options, Token);

        Assert.True(client.IsEncrypted);
    }

    [Fact]
    public async Task Pin_Sha1WithColonsLowerCase_ConnectsAndTransfers()
    {
        await using var peer = FtpLiteServerPeer.StartTls(FtpEncryption.Explicit);
        var options = Explicit(peer);
        var sha1 = TestCertificate.Value.GetCertHashString().ToLowerInvariant();
        options.CertificateThumbprint = string.Join(":", Enumerable.Range(0, 20).Select(i => sha1.Substring(i * 2, 2)));
        File.WriteAllText(Path.Combine(peer.Root, "p.txt"), "pinned");

        using var client = await FtpClient.ConnectAsync(options, Token);
        var received = new MemoryStream();
        await client.DownloadAsync("p.txt", received, cancellationToken: Token);

        Assert.Equal("pinned", System.Text.Encoding.UTF8.GetString(received.ToArray()));
    }

    [Fact]
    public async Task Pin_Wrong_CertificateRejectedNamingTheRealThumbprint()
    {
        await using var peer = FtpLiteServerPeer.StartTls(FtpEncryption.Explicit);
        var options = Explicit(peer);
        options.CertificateThumbprint = new string('A', 64);

        var e = await Assert.ThrowsAsync<FtpException>(() => FtpClient.ConnectAsync(options, Token));

        Assert.Equal(FtpErrorKind.CertificateRejected, e.Kind);
        Assert.Contains("not the pinned one", e.Message);
        Assert.Contains(Sha256, e.Message);
        Assert.False(e.IsTransient);
    }

    [Theory]
    [InlineData(FtpEncryption.Explicit)]
    [InlineData(FtpEncryption.Implicit)]
    public async Task NoPin_SelfSigned_RejectedWithReasonAndThumbprintToPin(FtpEncryption encryption)
    {
        await using var peer = FtpLiteServerPeer.StartTls(encryption);
        var options = Explicit(peer);

        var e = await Assert.ThrowsAsync<FtpException>(() => FtpClient.ConnectAsync(options, Token));

        Assert.Equal(FtpErrorKind.CertificateRejected, e.Kind);
        Assert.Contains("not trusted", e.Message);
        Assert.Contains(Sha256, e.Message);
        Assert.Contains("CertificateThumbprint", e.Message);
    }

    [Fact]
    public async Task AcceptAnyCertificate_ConnectsAndTransfers()
    {
        await using var peer = FtpLiteServerPeer.StartTls(FtpEncryption.Implicit);
        var options = Explicit(peer);
        options.AcceptAnyCertificate = true;

        using var client = await FtpClient.ConnectAsync(options, Token);
        await client.UploadAsync(new MemoryStream(new byte[] { 1, 2, 3 }), "a.bin", cancellationToken: Token);

        Assert.True(client.IsDataProtected);
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(Path.Combine(peer.Root, "a.bin")));
    }

    [Fact]
    public async Task Explicit_ServerWithoutAuthTls_NotSupported_NoLoginInPlainText()
    {
        await using var server = new ScriptedFtpServer();
        var options = new FtpClientOptions("127.0.0.1", server.Port) { Encryption = FtpEncryption.Explicit, AcceptAnyCertificate = true };

        var e = await Assert.ThrowsAsync<FtpException>(() => FtpClient.ConnectAsync(options, Token));

        Assert.Equal(FtpErrorKind.NotSupported, e.Kind);
        Assert.Contains("AUTH TLS", e.Message);
        Assert.Equal(0, server.Count("USER"));
        Assert.Equal(0, server.Count("PASS"));
    }

    [Fact]
    public async Task Explicit_OurServerWithoutCertificate_NotSupported()
    {
        await using var peer = FtpLiteServerPeer.Start();
        var options = peer.ClientOptions();
        options.Encryption = FtpEncryption.Explicit;

        var e = await Assert.ThrowsAsync<FtpException>(() => FtpClient.ConnectAsync(options, Token));

        Assert.Equal(FtpErrorKind.NotSupported, e.Kind);
        Assert.Equal(502, e.Code);
    }

    [Theory]
    [InlineData("AB:CD")]
    [InlineData("not hex at all, not hex at all, not hex at all, not hex at all!!")]
    public void Options_BadThumbprint_Refused(string thumbprint)
    {
        var options = new FtpClientOptions("h") { Encryption = FtpEncryption.Explicit, CertificateThumbprint = thumbprint };

        var e = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(nameof(FtpClientOptions.CertificateThumbprint), e.ParamName);
    }

    [Fact]
    public void Options_PinAndAcceptAny_Refused() =>
        Assert.Throws<ArgumentException>(new FtpClientOptions("h") { Encryption = FtpEncryption.Explicit, CertificateThumbprint = Sha256, AcceptAnyCertificate = true }.Validate);

    [Fact]
    public void Options_TlsSettingsWithoutEncryption_Refused() =>
        Assert.Throws<ArgumentException>(new FtpClientOptions("h") { AcceptAnyCertificate = true }.Validate);
}
