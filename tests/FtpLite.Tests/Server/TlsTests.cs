using System.Text;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Server;

public class TlsTests
{
    [Fact]
    public async Task ExplicitTls_LoginAndProtectedTransfers_ByteExact()
    {
        await using var server = TestServer.Start(o => o.Certificate = TestCertificate.Value);
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        Assert.Equal(234, (await ftp.AuthTlsAsync()).Code);
        await ftp.LoginAsync();
        Assert.Equal("PBSZ=0", (await ftp.CommandAsync("PBSZ 0")).Message);
        Assert.Equal(200, (await ftp.CommandAsync("PROT P")).Code);
        ftp.ProtectData = true;
        var content = new byte[300_000];
        new Random(1).NextBytes(content);
        Assert.Equal(226, (await ftp.UploadAsync("STOR secret.bin", content)).Code);
        var (data, reply) = await ftp.DownloadAsync("RETR secret.bin");
        Assert.Equal(226, reply.Code);
        Assert.Equal(content, data);
        Assert.Contains("secret.bin", Encoding.UTF8.GetString((await ftp.DownloadAsync("NLST")).Data));
    }

    [Fact]
    public async Task ImplicitTls_HandshakeFirst_DataProtectedByDefault()
    {
        await using var server = TestServer.Start(o =>
        {
            o.Certificate = TestCertificate.Value;
            o.ImplicitTlsPort = 0;
        });
        File.WriteAllText(server.PathOf("f.txt"), "implicit");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.ImplicitTlsEndPoint!, implicitTls: true);
        Assert.Equal(220, ftp.Greeting.Code);
        await ftp.LoginAsync();
        ftp.ProtectData = true;
        Assert.Equal("implicit", Encoding.UTF8.GetString((await ftp.DownloadAsync("RETR f.txt")).Data));
    }

    [Fact]
    public async Task NoCertificate_Auth502_AndFeatOffersNoTls()
    {
        await using var server = TestServer.Start();
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        Assert.DoesNotContain((await ftp.CommandAsync("FEAT")).Lines, l => l.Contains("AUTH"));
        Assert.Equal(502, (await ftp.CommandAsync("AUTH TLS")).Code);
    }

    [Fact]
    public async Task Sequence_PbszNeedsAuth_ProtNeedsPbsz_UnknownLevels536()
    {
        await using var server = TestServer.Start(o => o.Certificate = TestCertificate.Value);
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        Assert.Contains((await ftp.CommandAsync("FEAT")).Lines, l => l.Trim() == "AUTH TLS");
        Assert.Equal(503, (await ftp.CommandAsync("PBSZ 0")).Code);
        Assert.Equal(504, (await ftp.CommandAsync("AUTH KERBEROS")).Code);
        await ftp.AuthTlsAsync();
        Assert.Equal(503, (await ftp.CommandAsync("PROT P")).Code);
        await ftp.CommandAsync("PBSZ 0");
        Assert.Equal(536, (await ftp.CommandAsync("PROT S")).Code);
        Assert.Equal(503, (await ftp.CommandAsync("AUTH TLS")).Code);
    }

    [Fact]
    public async Task RequireTls_NothingButAuthFeatQuitBeforeTls()
    {
        await using var server = TestServer.Start(o =>
        {
            o.Certificate = TestCertificate.Value;
            o.RequireTls = true;
        });
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        Assert.Equal(530, (await ftp.CommandAsync("USER anonymous")).Code);
        Assert.Equal(530, (await ftp.CommandAsync("SYST")).Code);
        Assert.Equal(211, (await ftp.CommandAsync("FEAT")).Code);
        await ftp.AuthTlsAsync();
        await ftp.LoginAsync();
        Assert.Equal(257, (await ftp.CommandAsync("PWD")).Code);
    }

    [Fact]
    public async Task RequireTls_DataWithoutProtP_521_AndProtC534()
    {
        await using var server = TestServer.Start(o =>
        {
            o.Certificate = TestCertificate.Value;
            o.RequireTls = true;
        });
        File.WriteAllText(server.PathOf("f.txt"), "f");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.AuthTlsAsync();
        await ftp.LoginAsync();
        Assert.Equal(521, (await ftp.CommandAsync("LIST")).Code);
        await ftp.CommandAsync("PBSZ 0");
        Assert.Equal(534, (await ftp.CommandAsync("PROT C")).Code);
        Assert.Equal(521, (await ftp.CommandAsync("RETR f.txt")).Code);
    }

    [Fact]
    public async Task CommandsQueuedBehindAuth_AreRefusedNotInjected()
    {
        await using var server = TestServer.Start(o => o.Certificate = TestCertificate.Value);
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.SendRawAsync(Encoding.ASCII.GetBytes("AUTH TLS\r\nUSER injected\r\n"));
        Assert.Equal(503, (await ftp.ReadReplyAsync()).Code);
        Assert.True(await ftp.IsClosedByServerAsync());
    }

    [Fact]
    public void Options_TlsWithoutCertificate_Refused()
    {
        using var root = new TempFolder();
        var options = new FtpLite.Server.FtpServerOptions { Root = root.Path, RequireTls = true };
        Assert.Throws<ArgumentException>(() => options.Validate());
        options = new FtpLite.Server.FtpServerOptions { Root = root.Path, ImplicitTlsPort = 0 };
        Assert.Throws<ArgumentException>(() => options.Validate());
    }
}
