using System.Text;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Server;

/// <summary>No path a client can send reads, lists or writes outside the served folder.</summary>
public class JailTests
{
    [Theory]
    [InlineData("RETR ../outside.txt")]
    [InlineData("RETR ../../../../../../outside.txt")]
    [InlineData("RETR /../outside.txt")]
    [InlineData("RETR sub/../../outside.txt")]
    [InlineData("RETR %2e%2e/outside.txt")]
    public async Task Retr_Traversal_NeverReadsOutside(string command)
    {
        using var outside = new TempFolder();
        await using var server = TestServer.Start(o => o.Root = MakeRootInside(outside));
        Directory.CreateDirectory(server.PathOf("sub"));
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        var (data, reply) = await ftp.DownloadAsync(command);
        Assert.NotEqual(226, reply.Code);
        Assert.DoesNotContain("outside secret", Encoding.UTF8.GetString(data));
    }

    [Fact]
    public async Task Cwd_AboveTheRoot_StaysAtTheRoot()
    {
        using var outside = new TempFolder();
        await using var server = TestServer.Start(o => o.Root = MakeRootInside(outside));
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        Assert.Equal(250, (await ftp.CommandAsync("CWD ../../..")).Code);
        Assert.StartsWith("\"/\"", (await ftp.CommandAsync("PWD")).Message);
        Assert.DoesNotContain("outside.txt", await ftp.ListAsync("NLST"));
        Assert.DoesNotContain("outside.txt", await ftp.ListAsync("LIST .."));
    }

    [Theory]
    [InlineData("STOR ..\\escaped.txt")]
    [InlineData("STOR sub\\..\\..\\escaped.txt")]
    [InlineData("MKD ..\\escaped")]
    [InlineData("CWD ..\\..")]
    [InlineData("DELE ..\\outside.txt")]
    public async Task Backslashes_553(string command)
    {
        using var outside = new TempFolder();
        await using var server = TestServer.Start(o => o.Root = MakeRootInside(outside));
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        await ftp.CommandAsync("EPSV");
        Assert.Equal(553, (await ftp.CommandAsync(command)).Code);
        Assert.True(File.Exists(outside.Combine("outside.txt")));
        Assert.Equal(new[] { outside.Combine("outside.txt") }, Directory.GetFiles(outside.Path));
    }

    [Fact]
    public async Task NulInAName_553()
    {
        await using var server = TestServer.Start();
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        await ftp.SendRawAsync(Encoding.ASCII.GetBytes("MKD evil\0.txt\r\n"));
        Assert.Equal(553, (await ftp.ReadReplyAsync()).Code);
    }

    [Fact]
    public async Task Stor_Traversal_WritesInsideOrNowhere()
    {
        using var outside = new TempFolder();
        await using var server = TestServer.Start(o => o.Root = MakeRootInside(outside));
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        Assert.Equal(226, (await ftp.UploadAsync("STOR ../../landed.txt", new byte[] { 42 })).Code);
        Assert.True(File.Exists(server.PathOf("landed.txt")));
        Assert.False(File.Exists(outside.Combine("landed.txt")));
    }

    [Fact]
    public async Task SymlinkPointingOut_IsNeitherListedNorFollowed()
    {
        using var outside = new TempFolder();
        var root = MakeRootInside(outside);
        await using var server = TestServer.Start(o => o.Root = root);
        File.CreateSymbolicLink(server.PathOf("passwd-link"), outside.Combine("outside.txt"));
        Directory.CreateSymbolicLink(server.PathOf("escape"), outside.Path);
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        var names = await ftp.ListAsync("NLST");
        Assert.DoesNotContain("passwd-link", names);
        Assert.DoesNotContain("escape", names);
        Assert.NotEqual(226, (await ftp.DownloadAsync("RETR passwd-link")).Reply.Code);
        Assert.NotEqual(226, (await ftp.DownloadAsync("RETR escape/outside.txt")).Reply.Code);
        Assert.Equal(550, (await ftp.CommandAsync("CWD escape")).Code);
        Assert.Equal(550, (await ftp.CommandAsync("SIZE escape/outside.txt")).Code);
        Assert.Equal(550, (await ftp.CommandAsync("STOR escape/new.txt")).Code);
        Assert.Equal(550, (await ftp.CommandAsync("DELE escape/outside.txt")).Code);
        Assert.True(File.Exists(outside.Combine("outside.txt")));
        Assert.False(File.Exists(outside.Combine("new.txt")));
    }

    [Fact]
    public async Task SymlinkInsideTheRoot_IsFollowed()
    {
        await using var server = TestServer.Start();
        Directory.CreateDirectory(server.PathOf("real"));
        File.WriteAllText(server.PathOf("real/data.txt"), "inside");
        Directory.CreateSymbolicLink(server.PathOf("alias"), server.PathOf("real"));
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        Assert.Contains("alias", await ftp.ListAsync("NLST"));
        Assert.Equal("inside", Encoding.UTF8.GetString((await ftp.DownloadAsync("RETR alias/data.txt")).Data));
    }

    [Fact]
    public async Task SymlinkToAFolderInsideTheRoot_IsListedAsALink_DeleOrRmdRemovesTheLinkOnly()
    {
        // Listed as what it leads to, a linked folder looked like a real one, and a client's rm -r went through it and
        // emptied the folder it leads to. Listed as a link (as vsftpd, ProFTPD and pure-ftpd list one), it is an entry.
        await using var server = TestServer.Start();
        Directory.CreateDirectory(server.PathOf("real"));
        File.WriteAllText(server.PathOf("real/data.txt"), "inside");
        Directory.CreateSymbolicLink(server.PathOf("alias"), server.PathOf("real"));
        Directory.CreateSymbolicLink(server.PathOf("alias2"), server.PathOf("real"));
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();

        Assert.Matches(@"(?m)^type=OS\.unix=slink:/real;.* alias\r?$", await ftp.ListAsync("MLSD"));
        Assert.Matches(@"(?m)^l\S+ .* alias -> /real\r?$", await ftp.ListAsync("LIST"));
        Assert.Contains("type=OS.unix=slink:/real;", string.Join("\n", (await ftp.CommandAsync("MLST alias")).Lines));
        Assert.Equal("inside", Encoding.UTF8.GetString((await ftp.DownloadAsync("RETR alias/data.txt")).Data));
        Assert.Equal(250, (await ftp.CommandAsync("DELE alias")).Code);
        Assert.Equal(250, (await ftp.CommandAsync("RMD alias2")).Code);

        Assert.False(Path.Exists(server.PathOf("alias")));
        Assert.False(Path.Exists(server.PathOf("alias2")));
        Assert.Equal("inside", File.ReadAllText(server.PathOf("real/data.txt")));
    }

    [Fact]
    public async Task SiblingFolderWithTheRootsNameAsPrefix_IsOutside()
    {
        // Root ".../srv" must not reach ".../srv2" through a link, although the string starts alike.
        using var parent = new TempFolder();
        var root = parent.Combine("srv");
        var sibling = parent.Combine("srv2");
        Directory.CreateDirectory(root);
        Directory.CreateDirectory(sibling);
        File.WriteAllText(Path.Combine(sibling, "s.txt"), "sibling");
        Directory.CreateSymbolicLink(Path.Combine(root, "link"), sibling);
        await using var server = TestServer.Start(o => o.Root = root);
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        Assert.NotEqual(226, (await ftp.DownloadAsync("RETR link/s.txt")).Reply.Code);
    }

    /// <summary>Makes "outside/root" (the served folder) beside "outside/outside.txt" (a secret).</summary>
    private static string MakeRootInside(TempFolder outside)
    {
        File.WriteAllText(outside.Combine("outside.txt"), "outside secret");
        var root = outside.Combine("root");
        Directory.CreateDirectory(root);
        return root;
    }
}
