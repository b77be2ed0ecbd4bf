using System.Net;
using FtpLite.Server;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Server;

/// <summary>Logins are cheap for the right password, slow for guesses, and guesses are budgeted per address.</summary>
public class LoginCostTests
{
    // Made by Python's hashlib.pbkdf2_hmac, independently of our code: stored hashes keep verifying.
    private const string S3cretHash = "pbkdf2-sha256$20000$AAECAwQFBgcICQoLDA0ODw==$abvTbTl2RmCGVz9QRK4WMHfSxEKck37Gwt7OcI1cjEo=";
    private const string PassHash = "pbkdf2-sha256$1000$AAECAwQFBgcICQoLDA0ODw==$PZJv47cq+RZZjHMtlx7m2OM025jZ24OVtPzj9urXOTQ=";

    [Fact]
    public void StoredHashes_FromAnotherPbkdf2_Verify()
    {
        Assert.True(PasswordHash.Parse(S3cretHash).Verify("s3cret"));
        Assert.False(PasswordHash.Parse(S3cretHash).Verify("s3creT"));
        Assert.True(PasswordHash.Parse(PassHash).Verify("päss"));
    }

    [Fact]
    public void RightPasswordAgain_SkipsTheSlowDerivation_WrongOnesNever()
    {
        var hash = PasswordHash.Parse(S3cretHash);
        Assert.True(hash.Verify("s3cret"));
        Assert.Equal(1, hash.Derivations);
        Assert.True(hash.Verify("s3cret"));
        Assert.True(hash.Verify("s3cret"));
        Assert.Equal(1, hash.Derivations);
        // A wrong password still pays the whole cost: a quick "no" would tell which accounts logged in lately.
        Assert.False(hash.Verify("guess"));
        Assert.False(hash.Verify("guess"));
        Assert.Equal(3, hash.Derivations);
        // Another stored hash (a changed password) remembers nothing of the old one.
        var changed = PasswordHash.Parse(S3cretHash);
        Assert.True(changed.Verify("s3cret"));
        Assert.Equal(1, changed.Derivations);
    }

    [Fact]
    public async Task FailuresFromOneAddress_OverAllItsConnections_Refused421_UntilTheWindowPasses()
    {
        var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await using var server = TestServer.Start(o =>
        {
            o.Users.Add(FtpUser.Create("alice", "s3cret"));
            o.MaxFailedLoginsPerAddress = 3;
            o.FailedLoginWindow = TimeSpan.FromMinutes(1);
            o.UtcNow = () => now;
        });
        for (var i = 0; i < 3; i++)
        {
            using var guesser = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
            await guesser.CommandAsync("USER alice");
            Assert.Equal(530, (await guesser.CommandAsync("PASS guess" + i)).Code);
        }

        // Over the budget, even the right password is refused: otherwise the refusal would be an oracle.
        using (var blocked = await RawFtpConnection.ConnectAsync(server.Server.EndPoint))
        {
            await blocked.CommandAsync("USER alice");
            Assert.Equal(421, (await blocked.CommandAsync("PASS s3cret")).Code);
            Assert.True(await blocked.IsClosedByServerAsync());
        }

        now += TimeSpan.FromSeconds(61);
        using var later = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await later.CommandAsync("USER alice");
        Assert.Equal(230, (await later.CommandAsync("PASS s3cret")).Code);
    }

    [Fact]
    public async Task UnknownUser_CountsAgainstTheAddressLikeAWrongPassword()
    {
        var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await using var server = TestServer.Start(o =>
        {
            o.Users.Add(FtpUser.Create("alice", "s3cret"));
            o.MaxFailedLoginsPerAddress = 2;
            o.UtcNow = () => now;
        });
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.CommandAsync("USER mallory");
        Assert.Equal(530, (await ftp.CommandAsync("PASS x")).Code);
        await ftp.CommandAsync("USER bob");
        Assert.Equal(530, (await ftp.CommandAsync("PASS x")).Code);
        using var next = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await next.CommandAsync("USER alice");
        Assert.Equal(421, (await next.CommandAsync("PASS s3cret")).Code);
    }

    [Fact]
    public void Throttle_CountsAnIPv6Slash64AsOneAddress_AndIPv4AddressesOneByOne()
    {
        var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var throttle = new LoginThrottle(budget: 2, TimeSpan.FromMinutes(1), () => now);
        // One IPv6 host commonly holds a whole /64: new addresses there cost it nothing.
        throttle.Failed(IPAddress.Parse("2001:db8:0:7::1"));
        throttle.Failed(IPAddress.Parse("2001:db8:0:7:ffff::2"));
        throttle.Failed(IPAddress.Parse("192.0.2.1"));

        Assert.True(throttle.IsRefused(IPAddress.Parse("2001:db8:0:7::99")));
        Assert.False(throttle.IsRefused(IPAddress.Parse("2001:db8:0:8::1")));
        Assert.False(throttle.IsRefused(IPAddress.Parse("192.0.2.1")));
        Assert.False(throttle.IsRefused(IPAddress.Parse("192.0.2.2")));
    }
}
