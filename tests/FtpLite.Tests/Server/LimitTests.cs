using FtpLite.Tests.Support;

namespace FtpLite.Tests.Server;

public class LimitTests
{
    [Fact]
    public async Task MaxSessions_TheNextClientHears421()
    {
        await using var server = TestServer.Start(o => o.MaxSessions = 2);
        using var one = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        using var two = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        using var three = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        Assert.Equal(421, three.Greeting.Code);
        Assert.True(await three.IsClosedByServerAsync());
        Assert.Equal(200, (await one.CommandAsync("NOOP")).Code);
        Assert.Equal(1, server.Server.Statistics.RejectedSessions);
    }

    [Fact]
    public async Task MaxSessionsPerAddress_421_WhileAnotherAddressIsServed()
    {
        await using var server = TestServer.Start(o => o.MaxSessionsPerAddress = 1);
        using var first = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        using var second = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        Assert.Equal(421, second.Greeting.Code);
        using var other = await RawFtpConnection.ConnectAsync(server.Server.EndPoint, System.Net.IPAddress.Parse("127.0.0.2"));
        Assert.Equal(220, other.Greeting.Code);
    }

    [Fact]
    public async Task SessionEnds_FreesItsPlace()
    {
        await using var server = TestServer.Start(o => o.MaxSessions = 1);
        using (var one = await RawFtpConnection.ConnectAsync(server.Server.EndPoint))
            await one.CommandAsync("QUIT");
        await TransferTests.WaitUntilAsync(() => server.Server.SessionCount == 0);
        using var again = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        Assert.Equal(220, again.Greeting.Code);
    }

    [Fact]
    public async Task IdleSession_ClosedWith421()
    {
        await using var server = TestServer.Start(o =>
        {
            o.IdleTimeout = TimeSpan.FromMilliseconds(300);
            o.HeartbeatInterval = TimeSpan.FromMilliseconds(50);
        });
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        var reply = await ftp.ReadReplyAsync();
        Assert.Equal(421, reply.Code);
        Assert.True(await ftp.IsClosedByServerAsync());
    }

    [Fact]
    public async Task StoppingTheServer_Tells421_AndEndsSessions()
    {
        var server = TestServer.Start();
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        var stopping = server.DisposeAsync().AsTask();
        Assert.Equal(421, (await ftp.ReadReplyAsync()).Code);
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(server.Server.IsRunning);
        Assert.Equal(0, server.Server.SessionCount);
    }

    [Fact]
    public async Task FailedLoginDelay_GrowsWithEachFailure()
    {
        await using var server = TestServer.Start(o =>
        {
            o.Users.Add(FtpLite.Server.FtpUser.Create("alice", "pw"));
            o.FailedLoginDelay = TimeSpan.FromMilliseconds(200);
            o.MaxFailedLogins = 5;
        });
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        var times = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            await ftp.CommandAsync("USER alice");
            var watch = System.Diagnostics.Stopwatch.StartNew();
            Assert.Equal(530, (await ftp.CommandAsync("PASS wrong")).Code);
            times.Add(watch.Elapsed);
        }
        // 200 ms, 400 ms, 600 ms at the least: the lower bounds are what the defence promises.
        Assert.True(times[0] >= TimeSpan.FromMilliseconds(190), $"first {times[0]}");
        Assert.True(times[2] >= TimeSpan.FromMilliseconds(590), $"third {times[2]}");
    }
}
