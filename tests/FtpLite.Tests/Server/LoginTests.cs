using FtpLite.Server;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Server;

public class LoginTests
{
    [Fact]
    public async Task QuickStart_NoAccountsOnLoopback_AnonymousCanReadAndWrite()
    {
        await using var server = TestServer.Start();
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        Assert.Equal(220, ftp.Greeting.Code);
        await ftp.LoginAsync();
        Assert.Equal(226, (await ftp.UploadAsync("STOR a.txt", new byte[] { 1, 2, 3 })).Code);
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(server.PathOf("a.txt")));
    }

    [Fact]
    public async Task NamedAccount_RightPassword_LogsIn_WrongPassword_530()
    {
        await using var server = TestServer.Start(o => o.Users.Add(FtpUser.Create("alice", "s3cret")));
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        Assert.Equal(331, (await ftp.CommandAsync("USER alice")).Code);
        Assert.Equal(530, (await ftp.CommandAsync("PASS wrong")).Code);
        Assert.Equal(331, (await ftp.CommandAsync("USER alice")).Code);
        Assert.Equal(230, (await ftp.CommandAsync("PASS s3cret")).Code);
        Assert.Equal(1, server.Server.Statistics.FailedLogins);
    }

    [Fact]
    public async Task AccountsConfigured_AnonymousIsRefused()
    {
        await using var server = TestServer.Start(o => o.Users.Add(FtpUser.Create("alice", "s3cret")));
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        Assert.Equal(331, (await ftp.CommandAsync("USER anonymous")).Code);
        Assert.Equal(530, (await ftp.CommandAsync("PASS guest@")).Code);
    }

    [Fact]
    public async Task UnknownUser_Gets331LikeAKnownOne_NoEnumeration()
    {
        await using var server = TestServer.Start(o => o.Users.Add(FtpUser.Create("alice", "s3cret")));
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        var known = await ftp.CommandAsync("USER alice");
        await ftp.CommandAsync("PASS x");
        var unknown = await ftp.CommandAsync("USER mallory");
        Assert.Equal(known.Code, unknown.Code);
    }

    [Fact]
    public async Task TooManyFailedLogins_421AndDisconnect()
    {
        await using var server = TestServer.Start(o =>
        {
            o.Users.Add(FtpUser.Create("alice", "s3cret"));
            o.MaxFailedLogins = 2;
        });
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.CommandAsync("USER alice");
        Assert.Equal(530, (await ftp.CommandAsync("PASS one")).Code);
        await ftp.CommandAsync("USER alice");
        Assert.Equal(421, (await ftp.CommandAsync("PASS two")).Code);
        Assert.True(await ftp.IsClosedByServerAsync());
    }

    [Fact]
    public async Task AnonymousReadOnly_UploadAndDeleteRefused550()
    {
        await using var server = TestServer.Start(o =>
        {
            o.AllowAnonymous = true;
            o.AnonymousWrite = false;
        });
        File.WriteAllText(server.PathOf("keep.txt"), "keep");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        Assert.Equal(550, (await ftp.CommandAsync("STOR x.txt")).Code);
        Assert.Equal(550, (await ftp.CommandAsync("DELE keep.txt")).Code);
        Assert.Equal(550, (await ftp.CommandAsync("MKD d")).Code);
        Assert.True(File.Exists(server.PathOf("keep.txt")));
    }

    [Fact]
    public async Task ReadOnlyAccount_CanDownloadButNotUpload()
    {
        await using var server = TestServer.Start(o => o.Users.Add(FtpUser.Create("reader", "pw", FtpPermissions.Read)));
        File.WriteAllText(server.PathOf("r.txt"), "data");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync("reader", "pw");
        Assert.Equal("data", System.Text.Encoding.UTF8.GetString((await ftp.DownloadAsync("RETR r.txt")).Data));
        Assert.Equal(550, (await ftp.CommandAsync("STOR r.txt")).Code);
    }

    [Fact]
    public async Task AccountWithOwnRoot_SeesOnlyThatFolder()
    {
        using var own = new TempFolder();
        File.WriteAllText(own.Combine("mine.txt"), "mine");
        await using var server = TestServer.Start(o => o.Users.Add(FtpUser.Create("bob", "pw", FtpPermissions.ReadWrite, own.Path)));
        File.WriteAllText(server.PathOf("shared.txt"), "shared");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync("bob", "pw");
        var names = await ftp.ListAsync("NLST");
        Assert.Contains("mine.txt", names);
        Assert.DoesNotContain("shared.txt", names);
    }

    [Theory]
    [InlineData("PWD")]
    [InlineData("LIST")]
    [InlineData("RETR x")]
    [InlineData("STOR x")]
    [InlineData("CWD /")]
    [InlineData("PASV")]
    public async Task BeforeLogin_Commands530(string command)
    {
        await using var server = TestServer.Start();
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        Assert.Equal(530, (await ftp.CommandAsync(command)).Code);
    }

    [Fact]
    public void PasswordHash_RoundTripsThroughItsText_AndNeverHoldsThePassword()
    {
        var user = FtpUser.Create("carol", "correct horse");
        Assert.DoesNotContain("correct horse", user.PasswordHashText);
        var restored = FtpUser.FromHash("carol", user.PasswordHashText);
        Assert.True(restored.CheckPassword("correct horse"));
        Assert.False(restored.CheckPassword("correct horsE"));
    }

    [Fact]
    public void Options_AnonymousWriteBeyondLoopback_RefusedWithoutExplicitSwitch()
    {
        using var root = new TempFolder();
        var options = new FtpServerOptions { Root = root.Path, ListenAddress = System.Net.IPAddress.Any, AllowAnonymous = true, AnonymousWrite = true };
        Assert.Throws<ArgumentException>(() => options.Validate());
        options.AllowAnonymousWriteOnNetwork = true;
        options.Validate();
    }

    [Fact]
    public void Options_NoAccountBeyondLoopback_RefusedAsNobodyCouldLogIn()
    {
        using var root = new TempFolder();
        var options = new FtpServerOptions { Root = root.Path, ListenAddress = System.Net.IPAddress.Any };
        var error = Assert.Throws<ArgumentException>(() => options.Validate());
        Assert.Contains("No one could log in", error.Message);
    }
}
