using FtpLite.Client;
using FtpLite.PowerShell.Tests.Support;
using FtpLite.Tests.Client.Peers;

namespace FtpLite.PowerShell.Tests.Client;

/// <summary>
/// -Resume against vsftpd, a server that keeps an interrupted upload's bytes under the target's name (the client-level
/// tests interrupt real transfers; here the leftovers are laid down as those interruptions leave them).
/// </summary>
public class VsftpdResumeCmdletTests
{
    [Fact]
    public async Task SendResume_PartialRemoteFile_SendsTheRest_ByteExact_SizeVerified()
    {
        await using var vsftpd = await VsftpdServer.StartAsync(TestContext.Current.CancellationToken);
        using var local = new TempFolder();
        var content = new byte[1_200_000];
        new Random(61).NextBytes(content);
        File.WriteAllBytes(Path.Combine(local.Path, "up.bin"), content);
        File.WriteAllBytes(Path.Combine(vsftpd.Root, "up.bin"), content.AsSpan(0, 700_000).ToArray());
        using var session = PowerShellSession.Start();

        // vsftpd runs without chroot here, so its paths are the machine's own.
        var sent = session.Run($"Send-FtpLiteFile -PassThru -LiteralPath '{Path.Combine(local.Path, "up.bin")}' -Destination '{vsftpd.Root}' -Resume -Server 127.0.0.1 -Port {vsftpd.Port}");

        Assert.False(sent.HadErrors, string.Join("; ", sent.Errors));
        var result = Assert.Single(sent.Output);
        Assert.Equal(700_000L, result.Get<long>("ResumedFrom"));
        Assert.Equal(500_000L, result.Get<long>("Bytes"));
        Assert.Equal(FtpVerification.Size, result.Get<FtpVerification>("Verification")); // vsftpd has no HASH.
        Assert.Equal(content, File.ReadAllBytes(Path.Combine(vsftpd.Root, "up.bin")));
    }

    [Fact]
    public async Task ReceiveResume_KeptPart_FetchesTheRest_AndLeavesOnlyTheFile()
    {
        await using var vsftpd = await VsftpdServer.StartAsync(TestContext.Current.CancellationToken);
        using var local = new TempFolder();
        var content = new byte[1_200_000];
        new Random(62).NextBytes(content);
        File.WriteAllBytes(Path.Combine(vsftpd.Root, "down.bin"), content);
        File.WriteAllBytes(Path.Combine(local.Path, "down.bin.ftplite-part"), content.AsSpan(0, 300_000).ToArray());
        using var session = PowerShellSession.Start();

        var received = session.Run($"Receive-FtpLiteFile -PassThru '{vsftpd.Root}/down.bin' -Destination '{local.Path}' -Resume -Server 127.0.0.1 -Port {vsftpd.Port}");

        Assert.False(received.HadErrors, string.Join("; ", received.Errors));
        var result = Assert.Single(received.Output);
        Assert.Equal(300_000L, result.Get<long>("ResumedFrom"));
        Assert.Equal(900_000L, result.Get<long>("Bytes"));
        Assert.Equal(content, File.ReadAllBytes(Path.Combine(local.Path, "down.bin")));
        Assert.Equal(new[] { Path.Combine(local.Path, "down.bin") }, Directory.GetFiles(local.Path));
    }
}
