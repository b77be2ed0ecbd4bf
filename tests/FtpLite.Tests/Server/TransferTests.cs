using System.Net.Sockets;
using System.Text;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Server;

public class TransferTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(10 * 1024 * 1024)]
    public async Task StorThenRetr_ByteExact(int length)
    {
        await using var server = TestServer.Start();
        var content = new byte[length];
        new Random(length).NextBytes(content);
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        await ftp.CommandAsync("TYPE I");
        Assert.Equal(226, (await ftp.UploadAsync("STOR file.bin", content)).Code);
        var (data, reply) = await ftp.DownloadAsync("RETR file.bin");
        Assert.Equal(226, reply.Code);
        Assert.Equal(content, data);
        Assert.Equal(content, File.ReadAllBytes(server.PathOf("file.bin")));
        Assert.Equal(length, server.Server.Statistics.BytesReceived);
        Assert.Equal(1, server.Server.Statistics.FilesReceived);
    }

    [Fact]
    public async Task RestRetr_SendsTheRest()
    {
        await using var server = TestServer.Start();
        var content = server.RootFolder.WriteRandomFile("r.bin", 100_000);
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        Assert.Equal(350, (await ftp.CommandAsync("REST 40000")).Code);
        var (data, reply) = await ftp.DownloadAsync("RETR r.bin");
        Assert.Equal(226, reply.Code);
        Assert.Equal(content.Skip(40000).ToArray(), data);
    }

    [Fact]
    public async Task RestBeyondEnd_554()
    {
        await using var server = TestServer.Start();
        server.RootFolder.WriteRandomFile("r.bin", 10);
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        await ftp.CommandAsync("REST 11");
        Assert.Equal(554, (await ftp.DownloadAsync("RETR r.bin")).Reply.Code);
    }

    [Fact]
    public async Task RestStor_ResumesInPlace_KeepingThePrefix()
    {
        await using var server = TestServer.Start();
        var content = new byte[50_000];
        new Random(5).NextBytes(content);
        File.WriteAllBytes(server.PathOf("part.bin"), content.Take(20_000).Concat(new byte[100]).ToArray());
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        Assert.Equal(350, (await ftp.CommandAsync("REST 20000")).Code);
        Assert.Equal(226, (await ftp.UploadAsync("STOR part.bin", content.Skip(20_000).ToArray())).Code);
        Assert.Equal(content, File.ReadAllBytes(server.PathOf("part.bin")));
    }

    [Fact]
    public async Task Appe_AddsToTheEnd()
    {
        await using var server = TestServer.Start();
        File.WriteAllText(server.PathOf("log.txt"), "one,");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        Assert.Equal(226, (await ftp.UploadAsync("APPE log.txt", Encoding.ASCII.GetBytes("two"))).Code);
        Assert.Equal("one,two", File.ReadAllText(server.PathOf("log.txt")));
    }

    [Fact]
    public async Task Stou_StoresUnderANewName_AndSaysWhich()
    {
        await using var server = TestServer.Start();
        File.WriteAllText(server.PathOf("report.txt"), "old");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        using (var data = await ftp.OpenPassiveAsync())
        {
            var preliminary = await ftp.CommandAsync("STOU report.txt");
            Assert.Equal(150, preliminary.Code);
            Assert.StartsWith("FILE: report.txt.", preliminary.Message);
            await data.GetStream().WriteAsync(Encoding.ASCII.GetBytes("new"));
            data.Client.Shutdown(SocketShutdown.Send);
            Assert.Equal(226, (await ftp.ReadReplyAsync()).Code);
            Assert.Equal("new", File.ReadAllText(server.PathOf(preliminary.Message.Substring("FILE: ".Length))));
        }
        Assert.Equal("old", File.ReadAllText(server.PathOf("report.txt")));
    }

    [Fact]
    public async Task TypeA_ConvertsLineEndsBothWays()
    {
        await using var server = TestServer.Start();
        File.WriteAllText(server.PathOf("unix.txt"), "a\nb\n");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        await ftp.CommandAsync("TYPE A");
        Assert.Equal("a\r\nb\r\n", Encoding.ASCII.GetString((await ftp.DownloadAsync("RETR unix.txt")).Data));
        await ftp.UploadAsync("STOR dos.txt", Encoding.ASCII.GetBytes("x\r\ny\r\n"));
        Assert.Equal("x\ny\n", File.ReadAllText(server.PathOf("dos.txt")));
    }

    [Fact]
    public async Task List_NLst_Mlsd_ShowTheFolder()
    {
        await using var server = TestServer.Start();
        File.WriteAllText(server.PathOf("a.txt"), "12345");
        Directory.CreateDirectory(server.PathOf("dir"));
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        // Listings come in the file system's order; sorted here to check each line.
        var list = (await ftp.ListAsync("LIST -la")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).OrderBy(l => l[0] == 'd').ToArray();
        Assert.Equal(2, list.Length);
        Assert.Matches(@"^-rw-r--r-- +1 ftp +ftp +5 \w{3} [ \d]\d (\d\d:\d\d| \d{4}) a\.txt$", list[0]);
        Assert.StartsWith("drwxr-xr-x", list[1]);
        Assert.EndsWith(" dir", list[1]);
        Assert.Equal(new[] { "a.txt", "dir" }, Names(await ftp.ListAsync("NLST")));
        var mlsd = await ftp.ListAsync("MLSD");
        Assert.Contains("type=file;size=5;", mlsd);
        Assert.Contains("type=dir;", mlsd);
        Assert.Contains("; dir\r\n", mlsd);
    }

    [Fact]
    public async Task List_Wildcard_FiltersTheNames()
    {
        await using var server = TestServer.Start();
        foreach (var name in new[] { "a.zip", "b.zip", "c.txt" }) File.WriteAllText(server.PathOf(name), name);
        Directory.CreateDirectory(server.PathOf("sub"));
        File.WriteAllText(server.PathOf("sub/d.zip"), "d");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        Assert.Equal(new[] { "a.zip", "b.zip" }, Names(await ftp.ListAsync("NLST *.zip")));
        Assert.Equal("sub/d.zip\r\n", await ftp.ListAsync("NLST sub/*.zip"));
    }

    [Fact]
    public async Task List_MissingPath_550_AndMlsdOfAFile_501()
    {
        await using var server = TestServer.Start();
        File.WriteAllText(server.PathOf("f.txt"), "f");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        Assert.Equal(550, (await ftp.CommandAsync("LIST nowhere")).Code);
        Assert.Equal(501, (await ftp.CommandAsync("MLSD f.txt")).Code);
    }

    [Fact]
    public async Task Retr_WithoutPasvOrPort_425()
    {
        await using var server = TestServer.Start();
        File.WriteAllText(server.PathOf("f.txt"), "f");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        Assert.Equal(425, (await ftp.CommandAsync("RETR f.txt")).Code);
        Assert.Equal(550, (await ftp.CommandAsync("RETR missing.txt")).Code);
    }

    [Fact]
    public async Task AborDuringUpload_426Then226_AndTheOldFileStaysWhole()
    {
        await using var server = TestServer.Start();
        var old = server.RootFolder.WriteRandomFile("precious.bin", 64_000, seed: 7);
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        using var data = await ftp.OpenPassiveAsync();
        Assert.Equal(150, (await ftp.CommandAsync("STOR precious.bin")).Code);
        await data.GetStream().WriteAsync(new byte[10_000]);
        await ftp.SendAsync("ABOR");
        Assert.Equal(426, (await ftp.ReadReplyAsync()).Code);
        Assert.Equal(226, (await ftp.ReadReplyAsync()).Code);
        Assert.Equal(old, File.ReadAllBytes(server.PathOf("precious.bin")));
        AssertAtMostThePendingUpload(server);
        Assert.Equal(200, (await ftp.CommandAsync("NOOP")).Code);
    }

    [Fact]
    public async Task ClientVanishesMidUpload_TheOldFileStaysWhole_NoPartialFile()
    {
        await using var server = TestServer.Start();
        var old = server.RootFolder.WriteRandomFile("precious.bin", 64_000, seed: 9);
        var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        var data = await ftp.OpenPassiveAsync();
        Assert.Equal(150, (await ftp.CommandAsync("STOR precious.bin")).Code);
        await data.GetStream().WriteAsync(new byte[20_000]);
        // The client process dies: the control connection goes first, then the data connection ends.
        ftp.Dispose();
        await Task.Delay(100);
        data.Dispose();
        await WaitUntilAsync(() => server.Server.SessionCount == 0);
        Assert.Equal(old, File.ReadAllBytes(server.PathOf("precious.bin")));
        AssertAtMostThePendingUpload(server);
    }

    [Fact]
    public async Task DataConnectionReset_MidUpload_426_OldFileStays()
    {
        await using var server = TestServer.Start();
        var old = server.RootFolder.WriteRandomFile("precious.bin", 5000, seed: 3);
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        var data = await ftp.OpenPassiveAsync();
        Assert.Equal(150, (await ftp.CommandAsync("STOR precious.bin")).Code);
        await data.GetStream().WriteAsync(new byte[20_000]);
        data.Client.LingerState = new LingerOption(true, 0);
        data.Client.Close(0); // An abortive close: the server sees a reset, not an end of file.
        Assert.Equal(426, (await ftp.ReadReplyAsync()).Code);
        Assert.Equal(old, File.ReadAllBytes(server.PathOf("precious.bin")));
        AssertAtMostThePendingUpload(server);
    }

    [Fact]
    public async Task FiftyClientsAtOnce_EachUploadsAndDownloadsItsOwnFile()
    {
        await using var server = TestServer.Start();
        var clients = Enumerable.Range(0, 50).Select(async i =>
        {
            var content = new byte[20_000 + i * 1000];
            new Random(i).NextBytes(content);
            using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
            await ftp.LoginAsync();
            Assert.Equal(226, (await ftp.UploadAsync($"STOR client{i}.bin", content)).Code);
            var (data, reply) = await ftp.DownloadAsync($"RETR client{i}.bin");
            Assert.Equal(226, reply.Code);
            Assert.Equal(content, data);
            await ftp.CommandAsync("QUIT");
        });
        await Task.WhenAll(clients).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(50, Directory.GetFiles(server.Root).Length);
        Assert.Equal(50, server.Server.Statistics.FilesSent);
    }

    [Fact]
    public async Task PipelinedCommands_AnsweredInOrder()
    {
        await using var server = TestServer.Start();
        File.WriteAllText(server.PathOf("p.txt"), "pipelined");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        using var data = await ftp.OpenPassiveAsync();
        await ftp.SendRawAsync(Encoding.ASCII.GetBytes("RETR p.txt\r\nPWD\r\nNOOP\r\n"));
        var buffer = new MemoryStream();
        await data.GetStream().CopyToAsync(buffer);
        Assert.Equal("pipelined", Encoding.ASCII.GetString(buffer.ToArray()));
        Assert.Equal(150, (await ftp.ReadReplyAsync()).Code);
        Assert.Equal(226, (await ftp.ReadReplyAsync()).Code);
        Assert.Equal(257, (await ftp.ReadReplyAsync()).Code);
        Assert.Equal(200, (await ftp.ReadReplyAsync()).Code);
    }

    /// <summary>
    /// No temporary file but, at most, the anonymous test client's pending upload of <paramref name="target"/>: an
    /// interrupted upload is kept, hidden, for that client to resume (README: resumable uploads).
    /// </summary>
    internal static void AssertAtMostThePendingUpload(TestServer server, string target = "precious.bin")
    {
        var pending = Path.Combine(server.Root, FtpLite.Storage.TemporaryNames.ForOwner("anonymous@127.0.0.1", target));
        Assert.All(Directory.GetFiles(server.Root, "*.part", SearchOption.AllDirectories), f => Assert.Equal(pending, f));
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++) await Task.Delay(50);
        Assert.True(condition(), "The condition did not come true within 5 seconds.");
    }

    private static string[] Names(string listing) =>
        listing.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).OrderBy(n => n, StringComparer.Ordinal).ToArray();
}
