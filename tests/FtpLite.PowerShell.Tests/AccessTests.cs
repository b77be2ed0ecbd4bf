using FtpLite.PowerShell.Tests.Support;

namespace FtpLite.PowerShell.Tests;

/// <summary>What a client may do on a server started with each combination of the cmdlet's access parameters.</summary>
public class AccessTests
{
    private const string Alice = "$alice = [pscredential]::new('alice', [Net.NetworkCredential]::new('', 'alice-pw').SecurePassword);";

    [Fact]
    public void QuickStart_AnonymousMayWrite()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();
        var port = session.Run("Start-FtpLiteServer -Port 0 -Root $args[0]", root.Path).Single().Get<int>("Port");
        using var ftp = new FtpControl(port);

        Assert.StartsWith("230", ftp.Login("anonymous", "me@example.org"));
        Assert.StartsWith("257", ftp.Send("MKD made"));
        Assert.True(Directory.Exists(Path.Combine(root.Path, "made")));
    }

    [Fact]
    public void ReadOnly_AnonymousMayOnlyRead()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();
        var port = session.Run("Start-FtpLiteServer -Port 0 -Root $args[0] -ReadOnly", root.Path).Single().Get<int>("Port");
        using var ftp = new FtpControl(port);

        Assert.StartsWith("230", ftp.Login("anonymous", "me@example.org"));
        Assert.StartsWith("550", ftp.Send("MKD made"));
        Assert.False(Directory.Exists(Path.Combine(root.Path, "made")));
    }

    [Fact]
    public void Credential_AloneShutsAnonymousOut()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();
        var port = session.Run(Alice + "Start-FtpLiteServer -Port 0 -Root $args[0] -Credential $alice", root.Path).Single().Get<int>("Port");
        using var anonymous = new FtpControl(port);
        using var alice = new FtpControl(port);

        Assert.StartsWith("530", anonymous.Login("anonymous", "me@example.org"));
        Assert.StartsWith("230", alice.Login("alice", "alice-pw"));
        Assert.StartsWith("257", alice.Send("MKD made"));
    }

    [Fact]
    public void AllowAnonymous_BesideAnAccount_IsReadOnly()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();
        var port = session.Run(Alice + "Start-FtpLiteServer -Port 0 -Root $args[0] -Credential $alice -AllowAnonymous", root.Path)
            .Single().Get<int>("Port");
        using var ftp = new FtpControl(port);

        Assert.StartsWith("230", ftp.Login("anonymous", "me@example.org"));
        Assert.StartsWith("550", ftp.Send("MKD made"));
    }

    [Fact]
    public void AllowAnonymousWrite_BesideAnAccount_LetsAnonymousWrite()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();
        var port = session.Run(Alice + "Start-FtpLiteServer -Port 0 -Root $args[0] -Credential $alice -AllowAnonymousWrite", root.Path)
            .Single().Get<int>("Port");
        using var ftp = new FtpControl(port);

        Assert.StartsWith("230", ftp.Login("anonymous", "me@example.org"));
        Assert.StartsWith("257", ftp.Send("MKD made"));
    }

    [Fact]
    public void ReadOnly_AppliesToAccounts()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();
        var port = session.Run(Alice + "Start-FtpLiteServer -Port 0 -Root $args[0] -Credential $alice -ReadOnly", root.Path)
            .Single().Get<int>("Port");
        using var ftp = new FtpControl(port);

        Assert.StartsWith("230", ftp.Login("alice", "alice-pw"));
        Assert.StartsWith("550", ftp.Send("MKD made"));
    }

    [Fact]
    public void WrongPassword_IsRefusedAndCountedLive()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();
        var server = session.Run(Alice + "Start-FtpLiteServer -Port 0 -Root $args[0] -Credential $alice", root.Path).Single();
        using var ftp = new FtpControl(server.Get<int>("Port"));

        Assert.StartsWith("530", ftp.Login("alice", "wrong"));

        Assert.True(Poll.Until(() => server.Get<long>("FailedLogins") == 1, TimeSpan.FromSeconds(5)));
        Assert.Equal(1L, server.Get<long>("ActiveSessions"));
    }
}
