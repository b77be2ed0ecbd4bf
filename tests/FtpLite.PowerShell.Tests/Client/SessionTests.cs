using System.Management.Automation;
using FtpLite.PowerShell.Tests.Support;

namespace FtpLite.PowerShell.Tests.Client;

public class SessionTests
{
    [Fact]
    public void Connect_WithTheServerObject_ReturnsAConnectedDefaultSession()
    {
        using var bed = new ClientBed(connect: false);

        var session = bed.Run("Connect-FtpLite -Server $server").Single();

        Assert.Equal("127.0.0.1", session.Get<string>("Server"));
        Assert.Equal(bed.Port, session.Get<int>("Port"));
        Assert.Equal("anonymous", session.Get<string>("UserName"));
        Assert.Equal("/", session.Get<string>("WorkingDirectory"));
        Assert.True(session.Get<bool>("IsConnected"));
        Assert.Contains("MLST", session.Get<string[]>("Features"));
        Assert.Equal("FtpLite.PowerShell.FtpLiteSession", session.TypeNames[0]);
        // The default session: no -Session or -Server needed afterwards.
        bed.RemoteFile("hello.txt", "hi");
        Assert.Equal(["hello.txt"], bed.Run("Get-FtpLiteListing").Output.Select(i => i.Get<string>("Name")));
    }

    [Fact]
    public void Connect_WithUrlOrHostAndPort_Works()
    {
        using var bed = new ClientBed(connect: false);

        var byUrl = bed.Run("Connect-FtpLite $server.Url").Single();
        var byPort = bed.Run("Connect-FtpLite 127.0.0.1 -Port $server.Port").Single();

        Assert.Equal(bed.Port, byUrl.Get<int>("Port"));
        Assert.Equal(bed.Port, byPort.Get<int>("Port"));
        Assert.NotEqual(byUrl.Get<int>("Id"), byPort.Get<int>("Id"));
    }

    [Fact]
    public void ExplicitSession_IsUsedInsteadOfTheDefault()
    {
        using var bed = new ClientBed(connect: false);
        using var other = new TempFolder();
        File.WriteAllText(Path.Combine(other.Path, "other.txt"), "o");
        bed.Run("$first = Connect-FtpLite $server; $otherServer = Start-FtpLiteServer -Port 0 -Root $args[0]; $second = Connect-FtpLite $otherServer", other.Path);

        var names = bed.Run("Get-FtpLiteListing -Session $first").Output.Select(i => i.Get<string>("Name"));
        var defaultNames = bed.Run("Get-FtpLiteListing").Output.Select(i => i.Get<string>("Name"));

        Assert.Empty(names);
        Assert.Equal(["other.txt"], defaultNames); // The newest connection is the default.
    }

    [Fact]
    public void OneShot_ServerAndPort_WorkWithoutASession()
    {
        using var bed = new ClientBed(connect: false);
        bed.RemoteFile("a.txt", "a");

        var listed = bed.Run("Get-FtpLiteListing -Server 127.0.0.1 -Port $server.Port").Single();
        var received = bed.Run("Receive-FtpLiteFile -PassThru a.txt -Server $server").Single();

        Assert.Equal("/a.txt", listed.Get<string>("FullName"));
        Assert.Equal(1L, received.Get<long>("Bytes"));
        Assert.Equal("a", File.ReadAllText(bed.LocalPath("a.txt")));
    }

    [Fact]
    public void OneShot_Credential_LogsInAsThatAccount()
    {
        var alice = new PSCredential("alice", Secure("s3cret"));
        using var bed = new ClientBed(connect: false, serverArguments: "-Credential $args[1]", serverArgument: alice);

        var result = bed.Run("Get-FtpLiteListing -Server $server -Credential $args[0]", alice);

        Assert.False(result.HadErrors);
    }

    [Fact]
    public void NoSession_IsATerminatingSessionNotFoundError()
    {
        using var bed = new ClientBed(connect: false);

        var error = bed.Session.RunExpectingTerminatingError("Get-FtpLiteListing");

        Assert.Equal("FtpLite.SessionNotFound", ScriptResult.ErrorIdOf(error));
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public void WrongPassword_IsALoginFailedAuthenticationError()
    {
        var alice = new PSCredential("alice", Secure("s3cret"));
        using var bed = new ClientBed(connect: false, serverArguments: "-Credential $args[1]", serverArgument: alice);
        var wrong = new PSCredential("alice", Secure("nope"));

        var error = bed.Session.RunExpectingTerminatingError("Connect-FtpLite $server -Credential $args[0]", wrong);

        Assert.Equal("FtpLite.LoginFailed", ScriptResult.ErrorIdOf(error));
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
    }

    [Fact]
    public void NothingListening_IsAConnectionFailedConnectionError()
    {
        using var bed = new ClientBed(connect: false);
        var port = bed.Port;
        bed.Run("$server | Stop-FtpLiteServer");

        var error = bed.Session.RunExpectingTerminatingError("Connect-FtpLite 127.0.0.1 -Port $args[0]", port);

        Assert.Equal("FtpLite.ConnectionFailed", ScriptResult.ErrorIdOf(error));
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
    }

    [Fact]
    public void SessionAndServer_Together_AreRefused()
    {
        using var bed = new ClientBed();

        var error = bed.Session.RunExpectingTerminatingError("$s = Connect-FtpLite $server; Get-FtpLiteListing -Session $s -Server $server");

        Assert.Equal("FtpLite.InvalidConnectionOption", ScriptResult.ErrorIdOf(error));
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    [Fact]
    public void Disconnect_ClosesTheDefaultSession()
    {
        using var bed = new ClientBed(connect: false);
        bed.Run("$s = Connect-FtpLite $server");

        bed.Run("Disconnect-FtpLite");

        Assert.False((bool)bed.Run("$s.IsConnected").Single().BaseObject);
        var error = bed.Session.RunExpectingTerminatingError("Get-FtpLiteListing");
        Assert.Equal("FtpLite.SessionNotFound", ScriptResult.ErrorIdOf(error));
    }

    [Fact]
    public void ClosedSession_IsASessionClosedError()
    {
        using var bed = new ClientBed(connect: false);
        bed.Run("$s = Connect-FtpLite $server; $s | Disconnect-FtpLite");

        var error = bed.Session.RunExpectingTerminatingError("Get-FtpLiteListing -Session $s");

        Assert.Equal("FtpLite.SessionClosed", ScriptResult.ErrorIdOf(error));
    }

    internal static System.Security.SecureString Secure(string text)
    {
        var secure = new System.Security.SecureString();
        foreach (var c in text) secure.AppendChar(c);
        return secure;
    }
}
