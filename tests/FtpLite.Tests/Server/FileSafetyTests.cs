using System.Net.Sockets;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Server;

/// <summary>
/// What an upload leaves and what a download may open (issue 11): no orphaned temporary files, a replaced file keeps
/// its mode and stays behind its link, and only regular files are served.
/// </summary>
// Each test skips itself on Windows, which has none of these file kinds or modes.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class FileSafetyTests
{
    [Fact]
    public async Task FolderRenamedDuringUpload_CommitFails_Truthfully_AndNothingIsLeft()
    {
        await using var server = TestServer.Start();
        Directory.CreateDirectory(server.PathOf("d"));
        using var a = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await a.LoginAsync();
        using var b = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await b.LoginAsync();

        using var data = await a.OpenPassiveAsync();
        Assert.Equal(150, (await a.CommandAsync("STOR d/x.bin")).Code);
        await data.GetStream().WriteAsync(new byte[100_000]);
        Assert.Equal(350, (await b.CommandAsync("RNFR d")).Code);
        Assert.Equal(250, (await b.CommandAsync("RNTO d2")).Code);
        await data.GetStream().WriteAsync(new byte[100_000]);
        data.Client.Shutdown(SocketShutdown.Send);
        var reply = await a.ReadReplyAsync();

        // All the data arrived; what failed was putting the file in place: not "data connection lost".
        Assert.True(reply.Code is 450 or 553, reply.ToString());
        Assert.DoesNotContain("/", reply.Message);
        Assert.Empty(Directory.GetFileSystemEntries(server.PathOf("d2")));
        Assert.Equal(250, (await b.CommandAsync("RMD d2")).Code);
        Assert.Equal(200, (await a.CommandAsync("NOOP")).Code);
    }

    [Fact]
    public async Task RootReachedThroughALink_UploadsCommit()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("Symbolic links need privileges on Windows.");
        using var real = new TempFolder();
        using var links = new TempFolder();
        var root = links.Combine("root");
        File.CreateSymbolicLink(root, real.Path);
        await using var server = TestServer.Start(o => o.Root = root);
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();

        Assert.Equal(226, (await ftp.UploadAsync("STOR f.bin", new byte[] { 1, 2, 3 })).Code);

        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(Path.Combine(real.Path, "f.bin")));
    }

    [Fact]
    public async Task Rmd_OfAFolderHoldingOnlyStaleTemporaries_RemovesIt()
    {
        await using var server = TestServer.Start();
        Directory.CreateDirectory(server.PathOf("d"));
        File.WriteAllBytes(server.PathOf("d/.ftplite-0123456789abcdef0123456789abcdef.part"), new byte[1000]);
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();

        Assert.Equal(250, (await ftp.CommandAsync("RMD d")).Code);
        Assert.False(Directory.Exists(server.PathOf("d")));
    }

    [Theory]
    [InlineData("600")]
    [InlineData("755")]
    public async Task Overwrite_KeepsTheFileMode(string octal)
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("Unix file modes.");
        await using var server = TestServer.Start();
        File.WriteAllText(server.PathOf("f.sh"), "old");
        var mode = (UnixFileMode)Convert.ToInt32(octal, 8);
        File.SetUnixFileMode(server.PathOf("f.sh"), mode);
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();

        Assert.Equal(226, (await ftp.UploadAsync("STOR f.sh", "new"u8.ToArray())).Code);

        Assert.Equal("new", File.ReadAllText(server.PathOf("f.sh")));
        Assert.Equal(mode, File.GetUnixFileMode(server.PathOf("f.sh")));
    }

    [Fact]
    public async Task NewFile_GetsTheProcessDefaultMode()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("Unix file modes.");
        await using var server = TestServer.Start();
        File.WriteAllText(server.PathOf("reference"), "");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();

        Assert.Equal(226, (await ftp.UploadAsync("STOR fresh.bin", new byte[10])).Code);

        Assert.Equal(File.GetUnixFileMode(server.PathOf("reference")), File.GetUnixFileMode(server.PathOf("fresh.bin")));
    }

    [Fact]
    public async Task Stor_OntoALinkInsideTheRoot_ReplacesItsTarget_AndKeepsTheLink()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("Symbolic links need privileges on Windows.");
        await using var server = TestServer.Start();
        Directory.CreateDirectory(server.PathOf("real"));
        File.WriteAllText(server.PathOf("real/target.txt"), "old");
        File.SetUnixFileMode(server.PathOf("real/target.txt"), (UnixFileMode)Convert.ToInt32("640", 8));
        File.CreateSymbolicLink(server.PathOf("link.txt"), "real/target.txt");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();

        Assert.Equal(226, (await ftp.UploadAsync("STOR link.txt", "new"u8.ToArray())).Code);

        Assert.Equal("real/target.txt", new FileInfo(server.PathOf("link.txt")).LinkTarget);
        Assert.Equal("new", File.ReadAllText(server.PathOf("real/target.txt")));
        Assert.Equal((UnixFileMode)Convert.ToInt32("640", 8), File.GetUnixFileMode(server.PathOf("real/target.txt")));
        Assert.Equal(new[] { "target.txt" }, Directory.GetFileSystemEntries(server.PathOf("real")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Fifo_IsRefused_WithoutBlocking_AndNotListedAsAFile()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("Needs a FIFO (mkfifo).");
        await using var server = TestServer.Start();
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", server.PathOf("pipe")))
            Assert.True(mkfifo.WaitForExit(10_000) && mkfifo.ExitCode == 0);
        File.WriteAllText(server.PathOf("plain.txt"), "x");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();

        await AssertOnlyRegularFilesServedAsync(ftp, "pipe");
    }

    [Fact]
    public async Task UnixSocket_IsRefused_AndNotListedAsAFile()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("Unix domain socket files.");
        await using var server = TestServer.Start();
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(server.PathOf("sock")));
        File.WriteAllText(server.PathOf("plain.txt"), "x");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();

        await AssertOnlyRegularFilesServedAsync(ftp, "sock");
    }

    // Every reply read below has the connection's own deadline: a server stuck in open() fails the test, not hangs it.
    private static async Task AssertOnlyRegularFilesServedAsync(RawFtpConnection ftp, string special)
    {
        Assert.Equal(550, (await ftp.DownloadAsync("RETR " + special)).Reply.Code);
        Assert.Equal(550, (await ftp.CommandAsync("HASH " + special)).Code);
        Assert.Equal(550, (await ftp.CommandAsync("SIZE " + special)).Code);
        Assert.Equal(550, (await ftp.UploadAsync("STOR " + special, new byte[] { 1 })).Code);
        Assert.Equal(new[] { "plain.txt" }, (await ftp.ListAsync("NLST")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain(special, await ftp.ListAsync("LIST"));
        Assert.DoesNotContain(special, await ftp.ListAsync("MLSD"));
        Assert.Equal(200, (await ftp.CommandAsync("NOOP")).Code);
    }
}
