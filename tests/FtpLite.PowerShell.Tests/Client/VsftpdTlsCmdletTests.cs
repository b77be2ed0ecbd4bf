using FtpLite.PowerShell.Tests.Support;
using FtpLite.Tests.Client.Peers;

namespace FtpLite.PowerShell.Tests.Client;

/// <summary>
/// The cmdlets against vsftpd as a strict FTPS server: TLS required, and every data connection must resume the control
/// connection's TLS session (require_ssl_reuse=YES, vsftpd's default). vsftpd refuses any data connection that does not.
/// </summary>
// Alone in its collection: .NET keeps one TLS session per host name, and parallel tests under "localhost" would replace it.
[Collection("TLS sessions under localhost")]
public class VsftpdTlsCmdletTests
{
    [Fact]
    public async Task SendAndReceive_OverExplicitFtps_RequireSslReuse_ByteExact()
    {
        await using var vsftpd = await VsftpdServer.StartAsync(TestContext.Current.CancellationToken, new VsftpdTls());
        using var local = new TempFolder();
        var content = new byte[1_500_000];
        new Random(11).NextBytes(content);
        File.WriteAllBytes(Path.Combine(local.Path, "up.bin"), content);
        var thumbprint = FtpLite.Tls.CertificateFiles.Sha256Thumbprint(vsftpd.Tls!.Certificate);
        var connection = $"-Server 127.0.0.1 -Port {vsftpd.Port} -Encryption Explicit -TlsServerName localhost -CertificateThumbprint {thumbprint}";

        using var session = PowerShellSession.Start();
        // vsftpd runs without chroot here (that needs a privilege drop), so its paths are the machine's own.
        var remote = vsftpd.Root;
        var sent = session.Run($"Send-FtpLiteFile -PassThru -LiteralPath '{Path.Combine(local.Path, "up.bin")}' -Destination '{remote}' {connection}");
        var listed = session.Run($"Get-FtpLiteListing '{remote}' {connection}");
        var received = session.Run($"Receive-FtpLiteFile -PassThru '{remote}/up.bin' -Destination '{Path.Combine(local.Path, "back")}' {connection}");

        Assert.False(sent.HadErrors, string.Join("; ", sent.Errors));
        Assert.False(received.HadErrors, string.Join("; ", received.Errors));
        Assert.Contains(listed.Output, item => (string)item.Properties["Name"].Value == "up.bin");
        // vsftpd lists with LIST: the ls -l mode comes through as Mode, type letter first.
        Assert.Matches("^-[r-][w-][x-]", listed.Output.First(item => (string)item.Properties["Name"].Value == "up.bin").Get<string>("Mode"));
        Assert.Equal(content, File.ReadAllBytes(Path.Combine(vsftpd.Root, "up.bin")));
        Assert.Equal(content, File.ReadAllBytes(Path.Combine(local.Path, "back", "up.bin")));
        // vsftpd's own log: every data connection resumed the control connection's session.
        var handshakes = vsftpd.Log.Split('\n').Where(l => l.Contains("SSL version:", StringComparison.Ordinal)).ToArray();
        Assert.Contains(handshakes, l => l.Contains(", reused", StringComparison.Ordinal));
        Assert.DoesNotContain("No SSL session reuse", vsftpd.Log);
    }
}
