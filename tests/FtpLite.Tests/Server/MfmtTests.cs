using FtpLite.Server;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Server;

/// <summary>MFMT (draft-somers-ftp-mfxx): a client sets a file's modification time, as a mirror keeps its source's.</summary>
public class MfmtTests
{
    [Fact]
    public async Task Mfmt_SetsTheTime_AndMdtmTellsIt()
    {
        await using var server = TestServer.Start();
        Directory.CreateDirectory(server.PathOf("sub"));
        File.WriteAllText(server.PathOf("sub/a file.txt"), "a");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();

        var reply = await ftp.CommandAsync("MFMT 20200131235958 sub/a file.txt");

        Assert.Equal(213, reply.Code);
        Assert.Equal("Modify=20200131235958; sub/a file.txt", reply.Message);
        Assert.Equal(new DateTime(2020, 1, 31, 23, 59, 58, DateTimeKind.Utc), File.GetLastWriteTimeUtc(server.PathOf("sub/a file.txt")));
        Assert.Equal("20200131235958", (await ftp.CommandAsync("MDTM /sub/a file.txt")).Message);
    }

    [Fact]
    public async Task Mfmt_KeepsMilliseconds_WhenSent()
    {
        await using var server = TestServer.Start();
        File.WriteAllText(server.PathOf("f"), "f");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();

        Assert.Equal(213, (await ftp.CommandAsync("MFMT 20210615101112.345 f")).Code);

        Assert.Equal(new DateTime(2021, 6, 15, 10, 11, 12, 345, DateTimeKind.Utc), File.GetLastWriteTimeUtc(server.PathOf("f")));
    }

    [Theory]
    [InlineData("MFMT 20200101000000")]        // No path.
    [InlineData("MFMT 2020010100000 f")]       // Thirteen digits.
    [InlineData("MFMT 20201301000000 f")]      // Month 13.
    [InlineData("MFMT yesterday f")]
    public async Task Mfmt_BadSyntax_501_AndTheFileKeepsItsTime(string command)
    {
        await using var server = TestServer.Start();
        File.WriteAllText(server.PathOf("f"), "f");
        var before = File.GetLastWriteTimeUtc(server.PathOf("f"));
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();

        Assert.Equal(501, (await ftp.CommandAsync(command)).Code);
        Assert.Equal(before, File.GetLastWriteTimeUtc(server.PathOf("f")));
    }

    [Fact]
    public async Task Mfmt_MissingFileOrFolder_550_SayingWhich()
    {
        await using var server = TestServer.Start();
        Directory.CreateDirectory(server.PathOf("dir"));
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();

        var missing = await ftp.CommandAsync("MFMT 20200101000000 nothing");
        var folder = await ftp.CommandAsync("MFMT 20200101000000 dir");
        var outside = await ftp.CommandAsync("MFMT 20200101000000 ../../etc/passwd");

        Assert.Equal(550, missing.Code);
        Assert.Contains("no such file", missing.Message);
        Assert.Equal(550, folder.Code);
        Assert.Contains("is a folder", folder.Message);
        Assert.Equal(550, outside.Code); // Resolved inside the root, where there is no such file.
        Assert.DoesNotContain(server.Root, outside.Message);
    }

    [Fact]
    public async Task Mfmt_ReadOnlyAccount_550_AndTheFileKeepsItsTime()
    {
        await using var server = TestServer.Start(o => o.Users.Add(FtpUser.Create("reader", "pw", FtpPermissions.Read)));
        File.WriteAllText(server.PathOf("r.txt"), "data");
        var before = File.GetLastWriteTimeUtc(server.PathOf("r.txt"));
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync("reader", "pw");

        var reply = await ftp.CommandAsync("MFMT 20200101000000 r.txt");

        Assert.Equal(550, reply.Code);
        Assert.Contains("Permission denied", reply.Message);
        Assert.Equal(before, File.GetLastWriteTimeUtc(server.PathOf("r.txt")));
    }
}
