using System.Text.RegularExpressions;
using FtpLite.Tests.Interop;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Cli;

/// <summary>
/// "ftplite serve" killed with SIGKILL in the middle of an upload, then started again on the same folder: the old file
/// is whole, no new name appears, the killed upload is resumable by its client, and a temporary file a crash left long
/// ago is swept at start.
/// </summary>
public class CrashRecoveryTests
{
    private const int SigKill = 9;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task KilledMidUpload_RestartOnTheSameRoot_OldFileWhole_UploadResumable_StaleLeftoversSwept()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("POSIX signals are not available on Windows");
        using var root = new TempFolder();
        using var local = new TempFolder();
        var old = root.WriteRandomFile("target.bin", 1_000_000, seed: 61);
        var content = local.WriteRandomFile("new.bin", 3_000_000, seed: 62);
        var stale = root.Combine("sub/.ftplite-00000000000000000000000000000000.part");

        using (var first = CliProcess.Start(new[] { "serve", "--port", "0", "--root", root.Path }))
        {
            var port = await PortAsync(first);
            using var ftp = await RawFtpConnection.ConnectAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port));
            await ftp.LoginAsync();
            using var data = await ftp.OpenPassiveAsync();
            Assert.Equal(150, (await ftp.CommandAsync("STOR target.bin")).Code);
            await data.GetStream().WriteAsync(content.AsMemory(0, 1_500_000));
            // STAT during a transfer says how much arrived; kill once over a megabyte has (bounded: 200 polls).
            for (var i = 0; i < 200 && Arrived(await ftp.CommandAsync("STAT")) < 1_200_000; i++) await Task.Delay(20);
            first.Signal(SigKill);
            Assert.Equal(128 + SigKill, await first.WaitForExitAsync(Timeout));
        }
        // Beside the killed upload, an older crash's leftover from three days ago, in a folder of its own.
        root.WriteRandomFile("sub/.ftplite-00000000000000000000000000000000.part", 5000);
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddDays(-3));
        var before = Tree(root.Path);
        TestContext.Current.TestOutputHelper?.WriteLine("after kill -9:\n" + before);

        using var second = CliProcess.Start(new[] { "serve", "--port", "0", "--root", root.Path });
        var secondPort = await PortAsync(second);
        // The sweep runs at start, beside the first sessions: wait for it (bounded) before looking.
        for (var i = 0; i < 200 && File.Exists(stale); i++) await Task.Delay(50);
        var after = Tree(root.Path);
        TestContext.Current.TestOutputHelper?.WriteLine("after restart:\n" + after);

        Assert.False(File.Exists(stale));
        Assert.Equal(old, File.ReadAllBytes(root.Combine("target.bin")));
        var hidden = Directory.GetFiles(root.Path, ".ftplite-*.part", SearchOption.AllDirectories);
        var pending = Assert.Single(hidden);
        Assert.Equal(root.Path, Path.GetDirectoryName(pending));
        var kept = File.ReadAllBytes(pending);
        Assert.InRange(kept.Length, 1, 1_500_000);
        Assert.Equal(content.Take(kept.Length), kept);

        var resume = (await Curl.RunAsync("-v", "-C", "-", "-T", local.Combine("new.bin"), $"ftp://127.0.0.1:{secondPort}/target.bin")).AssertSucceeded();
        Assert.Contains($"< 213 {kept.Length}", resume.StandardError);
        Assert.Equal(content, File.ReadAllBytes(root.Combine("target.bin")));
        Assert.Empty(Directory.GetFiles(root.Path, ".ftplite-*.part", SearchOption.AllDirectories));
        second.Signal(CliProcess.SigTerm);
        Assert.Equal(0, await second.WaitForExitAsync(Timeout));
    }

    private static async Task<int> PortAsync(CliProcess cli)
    {
        var line = await cli.WaitForLineAsync(l => l.StartsWith("FtpLite serving "), Timeout);
        return int.Parse(Regex.Match(line, @":(\d+)/$").Groups[1].Value);
    }

    private static long Arrived(FtpLite.Protocol.FtpReply stat)
    {
        var match = Regex.Match(stat.Message, @"(\d+) bytes so far");
        return match.Success ? long.Parse(match.Groups[1].Value) : 0;
    }

    private static string Tree(string root) => string.Join("\n",
        Directory.GetFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(p => Path.GetRelativePath(root, p) + (File.Exists(p) ? $"  {new FileInfo(p).Length} bytes" : "/")));
}
