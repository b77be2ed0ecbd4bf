using System.Diagnostics;
using System.Text;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Server;

/// <summary>Defences against slow, stalled and escaping clients, and a full disk.</summary>
public class HardeningTests
{
    [Fact]
    public async Task SlowClient_OneByteAtATime_CannotHoldTheSession()
    {
        await using var server = TestServer.Start(o =>
        {
            o.IdleTimeout = TimeSpan.FromMilliseconds(500);
            o.HeartbeatInterval = TimeSpan.FromMilliseconds(50);
        });
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        // A line that never ends, one byte every 100 ms: only complete commands count as activity.
        var closed = false;
        for (var i = 0; i < 100 && !closed; i++)
        {
            try
            {
                await ftp.SendRawAsync(new[] { (byte)'N' });
                await Task.Delay(100);
            }
            catch (IOException)
            {
                closed = true;
            }
            closed |= server.Server.SessionCount == 0;
        }
        Assert.True(closed, "A client trickling one byte at a time kept its session for 10 seconds past a 0.5 s idle timeout.");
    }

    [Fact]
    public async Task StalledDownload_ClientNeverReads_AbortedWith426()
    {
        await using var server = TestServer.Start(o =>
        {
            o.DataStallTimeout = TimeSpan.FromMilliseconds(500);
            o.HeartbeatInterval = TimeSpan.FromMilliseconds(50);
        });
        server.RootFolder.WriteRandomFile("big.bin", 64 * 1024 * 1024);
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        using var data = await ftp.OpenPassiveAsync();
        data.ReceiveBufferSize = 4096;
        Assert.Equal(150, (await ftp.CommandAsync("RETR big.bin")).Code);
        // The client reads nothing: the socket buffers fill, the server's sends stop moving, the heartbeat sees the stall.
        var reply = await ftp.ReadReplyAsync();
        Assert.Equal(426, reply.Code);
        Assert.Contains("No data", reply.Message);
        Assert.Equal(200, (await ftp.CommandAsync("NOOP")).Code);
    }

    [Theory]
    [InlineData("RETR escape/outside.txt")]
    [InlineData("SIZE escape/outside.txt")]
    [InlineData("MDTM escape/outside.txt")]
    [InlineData("HASH escape/outside.txt")]
    [InlineData("MLST escape/outside.txt")]
    [InlineData("LIST escape")]
    [InlineData("NLST escape")]
    [InlineData("MLSD escape")]
    [InlineData("STAT escape")]
    [InlineData("CWD escape")]
    [InlineData("STOR escape/new.txt")]
    [InlineData("APPE escape/outside.txt")]
    [InlineData("MKD escape/newdir")]
    [InlineData("RMD escape")]
    [InlineData("DELE escape/outside.txt")]
    [InlineData("RNFR escape/outside.txt")]
    [InlineData("RNFR inside.txt|RNTO escape/moved.txt")]
    public async Task LinkOutOfTheRoot_RefusedByEveryPathCommand(string commands)
    {
        using var outside = new TempFolder();
        File.WriteAllText(outside.Combine("outside.txt"), "outside secret");
        var root = outside.Combine("root");
        Directory.CreateDirectory(root);
        await using var server = TestServer.Start(o => o.Root = root);
        File.WriteAllText(server.PathOf("inside.txt"), "inside");
        Directory.CreateSymbolicLink(server.PathOf("escape"), outside.Path);
        var before = Snapshot(outside.Path);

        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        await ftp.CommandAsync("EPSV");
        var replies = new List<FtpLite.Protocol.FtpReply>();
        foreach (var command in commands.Split('|')) replies.Add(await ftp.CommandAsync(command));

        var last = replies[^1];
        Assert.True(last.Code >= 400, $"'{commands}' was answered {last}");
        Assert.DoesNotContain("outside secret", string.Join(" ", replies.SelectMany(r => r.Lines)));
        Assert.Equal(before, Snapshot(outside.Path));
    }

    [Fact]
    public async Task FullDisk_Stor452_AndTheOldFileStays()
    {
        using var mount = TinyFileSystem.TryMount(sizeKiB: 1024);
        if (mount is null) Assert.Skip("Mounting a small tmpfs needs root (CI runs as root).");
        var old = new byte[200_000];
        new Random(4).NextBytes(old);
        File.WriteAllBytes(Path.Combine(mount.Path, "keep.bin"), old);
        await using var server = TestServer.Start(o => o.Root = mount.Path);
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        var reply = await ftp.UploadAsync("STOR keep.bin", new byte[4 * 1024 * 1024]);
        Assert.Equal(452, reply.Code);
        Assert.Equal(old, File.ReadAllBytes(Path.Combine(mount.Path, "keep.bin")));
        Assert.Empty(Directory.GetFiles(mount.Path, "*.part"));
        Assert.Equal(200, (await ftp.CommandAsync("NOOP")).Code);
    }

    private static string Snapshot(string folder) => string.Join("\n",
        Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories)
            .Where(p => !p.Contains(Path.DirectorySeparatorChar + "root"))
            .Order()
            .Select(p => p + (File.Exists(p) ? ":" + File.ReadAllText(p) : "")));

    /// <summary>A tmpfs of a fixed size, mounted on a temporary folder and unmounted on dispose.</summary>
    private sealed class TinyFileSystem : IDisposable
    {
        private readonly TempFolder _folder;

        private TinyFileSystem(TempFolder folder) => _folder = folder;

        public string Path => _folder.Path;

        public static TinyFileSystem? TryMount(int sizeKiB)
        {
            if (!OperatingSystem.IsLinux() || Environment.UserName != "root") return null;
            var folder = new TempFolder();
            if (Run("mount", $"-t tmpfs -o size={sizeKiB}k tmpfs {folder.Path}") != 0)
            {
                folder.Dispose();
                return null;
            }
            return new TinyFileSystem(folder);
        }

        public void Dispose()
        {
            Run("umount", _folder.Path);
            _folder.Dispose();
        }

        private static int Run(string program, string arguments)
        {
            using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, UseShellExecute = false })!;
            process.WaitForExit(10_000);
            return process.HasExited ? process.ExitCode : -1;
        }
    }
}
