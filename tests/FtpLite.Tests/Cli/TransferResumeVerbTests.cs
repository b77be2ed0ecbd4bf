using FtpLite.Tests.Client.Peers;
using FtpLite.Tests.Interop;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Cli;

/// <summary>get/put interrupted and resumed, and --verify, as a user at a shell sees them.</summary>
public class TransferResumeVerbTests
{
    private static readonly Dictionary<string, string?> NoPassword = new() { ["FTPLITE_PASSWORD"] = null };

    /// <summary>
    /// The remote file comes from a server that sends 100,000 bytes a second (pyftpdlib, throttled), so the download
    /// is surely in the middle when Ctrl+C comes. The part stays, visible; get --resume continues it and leaves only
    /// the file.
    /// </summary>
    [Fact]
    public async Task Get_CtrlCMidway_KeepsTheVisiblePart_ThenResumeFinishesByteExact_AndLeavesNothingElse()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("Needs SIGINT.");
        await using var peer = await PyFtpdLibServer.StartAsync(TestContext.Current.CancellationToken, sendLimit: 100_000);
        using var local = new TempFolder();
        var content = new byte[1_000_000];
        new Random(41).NextBytes(content);
        File.WriteAllBytes(Path.Combine(peer.Root, "slow.bin"), content);
        var part = local.Combine("slow.bin.ftplite-part");

        using (var get = CliProcess.Start(PeerArgs(peer, "get", "slow.bin", "--to", local.Path), NoPassword))
        {
            for (var i = 0; i < 600 && !(File.Exists(part) && new FileInfo(part).Length >= 100_000); i++) await Task.Delay(50);
            Assert.True(new FileInfo(part).Length >= 100_000, "The download never got under way.");

            get.Signal(CliProcess.SigInt);

            Assert.NotEqual(0, await get.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        }
        Assert.False(File.Exists(local.Combine("slow.bin")));
        Assert.Equal(new[] { part }, Directory.GetFiles(local.Path));
        var kept = File.ReadAllBytes(part);
        Assert.InRange(kept.Length, 100_000, content.Length - 1);
        Assert.Equal(content.AsSpan(0, kept.Length).ToArray(), kept);

        var resumed = await CliProcess.RunAsync(NoPassword, PeerArgs(peer, "get", "slow.bin", "--to", local.Path, "--resume"));

        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains($"{content.Length - kept.Length:N0} bytes", resumed.StandardError);
        Assert.Contains("resumed at", resumed.StandardError);
        Assert.Equal(content, File.ReadAllBytes(local.Combine("slow.bin")));
        Assert.Equal(new[] { local.Combine("slow.bin") }, Directory.GetFiles(local.Path));
    }

    [Fact]
    public async Task GetResume_ContinuesTheHiddenPartAnEarlierVersionLeft_AndRemovesIt()
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        var content = server.RootFolder.WriteRandomFile("x.bin", 300_000, seed: 42);
        File.WriteAllBytes(local.Combine(".x.bin.0badc0de.ftplite-part"), content.AsSpan(0, 120_000).ToArray());

        var resumed = await CliProcess.RunAsync(NoPassword, Args(server, "get", "x.bin", "--to", local.Path, "--resume"));

        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains("180,000 bytes", resumed.StandardError);
        Assert.Equal(content, File.ReadAllBytes(local.Combine("x.bin")));
        Assert.Equal(new[] { local.Combine("x.bin") }, Directory.GetFiles(local.Path));
    }

    /// <summary>vsftpd keeps an interrupted upload's bytes under the target's name; put --resume sends the rest.</summary>
    [Fact]
    public async Task PutResume_AgainstVsftpd_SendsOnlyWhatThePartialRemoteFileLacks()
    {
        await using var peer = await VsftpdServer.StartAsync(TestContext.Current.CancellationToken);
        using var local = new TempFolder();
        var content = local.WriteRandomFile("up.bin", 500_000, seed: 43);
        File.WriteAllBytes(Path.Combine(peer.Root, "up.bin"), content.AsSpan(0, 200_000).ToArray());
        var options = peer.ClientOptions();

        var put = await CliProcess.RunAsync(NoPassword, "put", local.Combine("up.bin"), "--resume", "-H", options.Host, "--port", options.Port.ToString());

        Assert.Equal(0, put.ExitCode);
        Assert.Contains("300,000 bytes", put.StandardError);
        Assert.Contains("resumed at", put.StandardError);
        Assert.Contains("size verified", put.StandardError); // vsftpd has no HASH.
        Assert.Equal(content, File.ReadAllBytes(Path.Combine(peer.Root, "up.bin")));
    }

    [Theory]
    [InlineData("hash", "SHA-256 verified")]
    [InlineData("size", "size verified")]
    [InlineData("none", "not verified")]
    public async Task Get_Verify_SummarySaysWhichCheckWasMade(string verify, string said)
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        server.RootFolder.WriteRandomFile("v.bin", 1000, seed: 44);

        var get = await CliProcess.RunAsync(NoPassword, Args(server, "get", "v.bin", "--to", local.Path, "--verify", verify));

        Assert.Equal(0, get.ExitCode);
        Assert.EndsWith(said, get.StandardError.Trim());
    }

    [Fact]
    public async Task Put_VerifyUnknown_Exit2()
    {
        using var local = new TempFolder();
        File.WriteAllText(local.Combine("a.txt"), "a");

        var put = await CliProcess.RunAsync(NoPassword, "put", local.Combine("a.txt"), "-H", "127.0.0.1", "--verify", "md5");

        Assert.Equal(2, put.ExitCode);
        Assert.Contains("--verify is 'hash', 'size' or 'none'", put.StandardError);
    }

    private static string[] PeerArgs(IFtpPeer peer, params string[] arguments) =>
        arguments.Concat(["-H", "127.0.0.1", "--port", peer.ClientOptions().Port.ToString()]).ToArray();

    private static string[] Args(TestServer server, params string[] arguments) =>
        arguments.Concat(["-H", "127.0.0.1", "--port", server.Port.ToString()]).ToArray();
}
