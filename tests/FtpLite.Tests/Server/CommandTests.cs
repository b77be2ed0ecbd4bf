using System.Security.Cryptography;
using System.Text;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Server;

public class CommandTests
{
    [Fact]
    public async Task UnknownVerb_502_AndSessionGoesOn()
    {
        await using var server = TestServer.Start();
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        Assert.Equal(502, (await ftp.CommandAsync("XYZZY")).Code);
        Assert.Equal(500, (await ftp.CommandAsync("12 34")).Code);
        Assert.Equal(200, (await ftp.CommandAsync("NOOP")).Code);
    }

    [Fact]
    public async Task OverlongLine_500_NotBuffered_SessionGoesOn()
    {
        await using var server = TestServer.Start();
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        // 1 MiB without a line end, then one: answered once with 500, and nothing of it survives into the next command.
        await ftp.SendRawAsync(Encoding.ASCII.GetBytes("NOOP " + new string('A', 1024 * 1024) + "\r\n"));
        var reply = await ftp.ReadReplyAsync();
        Assert.Equal(500, reply.Code);
        Assert.Contains("too long", reply.Message);
        Assert.Equal(257, (await ftp.CommandAsync("PWD")).Code);
    }

    [Fact]
    public async Task CommandsSplitAcrossWrites_OneByteAtATime_AreUnderstood()
    {
        await using var server = TestServer.Start();
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        foreach (var b in Encoding.ASCII.GetBytes("USER anonymous\r\nPASS x\r\n"))
        {
            await ftp.SendRawAsync(new[] { b });
            await Task.Delay(1);
        }
        Assert.Equal(331, (await ftp.ReadReplyAsync()).Code);
        Assert.Equal(230, (await ftp.ReadReplyAsync()).Code);
    }

    [Fact]
    public async Task Feat_ListsTheExtensions()
    {
        await using var server = TestServer.Start();
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        var reply = await ftp.CommandAsync("FEAT");
        Assert.Equal(211, reply.Code);
        var features = reply.Lines.Select(l => l.Trim()).ToList();
        foreach (var expected in new[] { "EPSV", "EPRT", "MDTM", "MFMT", "PASV", "REST STREAM", "SIZE", "UTF8", "TVFS" }) Assert.Contains(expected, features);
        Assert.Contains(features, f => f.StartsWith("MLST type*;size*;modify*;perm*;", StringComparison.Ordinal));
        Assert.Contains(features, f => f.StartsWith("HASH SHA-256*;SHA-1;MD5;CRC32", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Folders_MkdCwdPwdCdupRmd()
    {
        await using var server = TestServer.Start();
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        var made = await ftp.CommandAsync("MKD with space");
        Assert.Equal(257, made.Code);
        Assert.StartsWith("\"/with space\"", made.Message);
        Assert.True(Directory.Exists(server.PathOf("with space")));
        Assert.Equal(250, (await ftp.CommandAsync("CWD with space")).Code);
        Assert.StartsWith("\"/with space\"", (await ftp.CommandAsync("PWD")).Message);
        Assert.Equal(550, (await ftp.CommandAsync("CWD nowhere")).Code);
        Assert.Equal(250, (await ftp.CommandAsync("CDUP")).Code);
        Assert.StartsWith("\"/\"", (await ftp.CommandAsync("PWD")).Message);
        Assert.Equal(550, (await ftp.CommandAsync("MKD with space")).Code);
        Assert.Equal(250, (await ftp.CommandAsync("RMD with space")).Code);
        Assert.False(Directory.Exists(server.PathOf("with space")));
    }

    [Fact]
    public async Task Rmd_NonEmptyFolder_550_AndFolderStays()
    {
        await using var server = TestServer.Start();
        Directory.CreateDirectory(server.PathOf("full"));
        File.WriteAllText(server.PathOf("full/f.txt"), "x");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        Assert.Equal(550, (await ftp.CommandAsync("RMD full")).Code);
        Assert.True(File.Exists(server.PathOf("full/f.txt")));
    }

    [Fact]
    public async Task RenameAndDelete()
    {
        await using var server = TestServer.Start();
        File.WriteAllText(server.PathOf("old.txt"), "content");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        Assert.Equal(503, (await ftp.CommandAsync("RNTO new.txt")).Code);
        Assert.Equal(350, (await ftp.CommandAsync("RNFR old.txt")).Code);
        Assert.Equal(250, (await ftp.CommandAsync("RNTO new.txt")).Code);
        Assert.Equal("content", File.ReadAllText(server.PathOf("new.txt")));
        Assert.False(File.Exists(server.PathOf("old.txt")));
        Assert.Equal(550, (await ftp.CommandAsync("RNFR missing.txt")).Code);
        Assert.Equal(250, (await ftp.CommandAsync("DELE new.txt")).Code);
        Assert.Equal(550, (await ftp.CommandAsync("DELE new.txt")).Code);
    }

    [Fact]
    public async Task RnfrThenAnotherCommand_ForgetsTheSource()
    {
        await using var server = TestServer.Start();
        File.WriteAllText(server.PathOf("a.txt"), "a");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        await ftp.CommandAsync("RNFR a.txt");
        await ftp.CommandAsync("NOOP");
        Assert.Equal(503, (await ftp.CommandAsync("RNTO b.txt")).Code);
        Assert.True(File.Exists(server.PathOf("a.txt")));
    }

    [Fact]
    public async Task SizeMdtmMlst_DescribeAFile()
    {
        await using var server = TestServer.Start();
        File.WriteAllBytes(server.PathOf("f.bin"), new byte[1234]);
        File.SetLastWriteTimeUtc(server.PathOf("f.bin"), new DateTime(2024, 2, 29, 13, 14, 15, DateTimeKind.Utc));
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        Assert.Equal("1234", (await ftp.CommandAsync("SIZE f.bin")).Message);
        Assert.Equal("20240229131415", (await ftp.CommandAsync("MDTM f.bin")).Message);
        var mlst = await ftp.CommandAsync("MLST f.bin");
        Assert.Equal(250, mlst.Code);
        Assert.Contains(mlst.Lines, l => l == " type=file;size=1234;modify=20240229131415;perm=afwdr; /f.bin");
        Assert.Equal(550, (await ftp.CommandAsync("SIZE nothing")).Code);
        Assert.Equal(550, (await ftp.CommandAsync("SIZE /")).Code);
    }

    [Theory]
    [InlineData("SHA-256")]
    [InlineData("SHA-1")]
    [InlineData("MD5")]
    public async Task Hash_MatchesTheFile(string algorithm)
    {
        await using var server = TestServer.Start();
        var bytes = server.RootFolder.WriteRandomFile("h.bin", 300_000);
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        Assert.Equal(200, (await ftp.CommandAsync("OPTS HASH " + algorithm)).Code);
        var reply = await ftp.CommandAsync("HASH h.bin");
        Assert.Equal(213, reply.Code);
        var parts = reply.Message.Split(' ');
        Assert.Equal(algorithm, parts[0]);
        Assert.Equal(Expected(algorithm, bytes), parts[2]);
    }

    [Fact]
    public async Task Hash_Crc32_MatchesTheStandardCheckValue()
    {
        await using var server = TestServer.Start();
        File.WriteAllText(server.PathOf("check.txt"), "123456789");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        await ftp.CommandAsync("OPTS HASH CRC32");
        Assert.Equal("CRC32 0-9 cbf43926 check.txt", (await ftp.CommandAsync("HASH check.txt")).Message);
    }

    [Fact]
    public async Task Hash_UnknownAlgorithm_501()
    {
        await using var server = TestServer.Start();
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        Assert.Equal(501, (await ftp.CommandAsync("OPTS HASH SHA-999")).Code);
    }

    [Fact]
    public async Task TypeModeStru_AcceptTheSupportedAndRefuseTheRest()
    {
        await using var server = TestServer.Start();
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        Assert.Equal(200, (await ftp.CommandAsync("TYPE I")).Code);
        Assert.Equal(200, (await ftp.CommandAsync("TYPE A")).Code);
        Assert.Equal(200, (await ftp.CommandAsync("TYPE L 8")).Code);
        Assert.Equal(504, (await ftp.CommandAsync("TYPE E")).Code);
        Assert.Equal(200, (await ftp.CommandAsync("MODE S")).Code);
        Assert.Equal(504, (await ftp.CommandAsync("MODE B")).Code);
        Assert.Equal(200, (await ftp.CommandAsync("STRU F")).Code);
        Assert.Equal(504, (await ftp.CommandAsync("STRU R")).Code);
        Assert.Equal(501, (await ftp.CommandAsync("REST -5")).Code);
        Assert.Equal(501, (await ftp.CommandAsync("TYPE")).Code);
    }

    [Fact]
    public async Task SystHelpStatAllo_Answer()
    {
        await using var server = TestServer.Start();
        File.WriteAllText(server.PathOf("s.txt"), "s");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        Assert.Equal("UNIX Type: L8", (await ftp.CommandAsync("SYST")).Message);
        var help = await ftp.CommandAsync("HELP");
        Assert.Equal(214, help.Code);
        Assert.Contains(help.Lines, l => l.Contains("RETR"));
        await ftp.LoginAsync();
        Assert.Equal(211, (await ftp.CommandAsync("STAT")).Code);
        var stat = await ftp.CommandAsync("STAT /");
        Assert.Equal(213, stat.Code);
        Assert.Contains(stat.Lines, l => l.EndsWith(" s.txt", StringComparison.Ordinal));
        Assert.Equal(202, (await ftp.CommandAsync("ALLO 1000")).Code);
        Assert.Equal(225, (await ftp.CommandAsync("ABOR")).Code);
        Assert.Equal(200, (await ftp.CommandAsync("OPTS UTF8 ON")).Code);
    }

    [Fact]
    public async Task Quit_221_ThenClosed()
    {
        await using var server = TestServer.Start();
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        Assert.Equal(221, (await ftp.CommandAsync("QUIT")).Code);
        Assert.True(await ftp.IsClosedByServerAsync());
    }

    [Fact]
    public async Task Utf8Names_RoundTrip()
    {
        await using var server = TestServer.Start();
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        Assert.Equal(226, (await ftp.UploadAsync("STOR Grüße-日本.txt", Encoding.UTF8.GetBytes("hi"))).Code);
        Assert.True(File.Exists(server.PathOf("Grüße-日本.txt")));
        Assert.Contains("Grüße-日本.txt", await ftp.ListAsync("NLST"));
    }

    private static string Expected(string algorithm, byte[] bytes)
    {
        byte[] digest = algorithm switch
        {
            "SHA-256" => SHA256.HashData(bytes),
            "SHA-1" => SHA1.HashData(bytes),
            _ => MD5.HashData(bytes),
        };
        return Convert.ToHexString(digest).ToLowerInvariant();
    }
}
