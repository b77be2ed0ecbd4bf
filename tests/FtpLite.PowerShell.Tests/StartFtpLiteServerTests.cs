using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using FtpLite.PowerShell.Tests.Support;

namespace FtpLite.PowerShell.Tests;

public class StartFtpLiteServerTests
{
    [Fact]
    public void PortZero_ReturnsTheRunningServerWithTheRealPort()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();

        var server = session.Run("Start-FtpLiteServer -Port 0 -Root $args[0]", root.Path).Single();

        var port = server.Get<int>("Port");
        Assert.InRange(port, 1, 65535);
        Assert.Equal("127.0.0.1", server.Get<string>("Address"));
        Assert.Equal($"ftp://127.0.0.1:{port}/", server.Get<string>("Url"));
        Assert.Equal(Path.GetFullPath(root.Path), server.Get<string>("Root"));
        Assert.Equal("Running", server.Get<string>("State"));
        Assert.True(server.Get<bool>("IsRunning"));
        Assert.Equal(0L, server.Get<long>("TotalSessions"));
        Assert.True(Tcp.CanConnect(port));
    }

    [Fact]
    public void Counters_AreReadLiveFromTheServer()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();
        var server = session.Run("Start-FtpLiteServer -Port 0 -Root $args[0]", root.Path).Single();

        Assert.True(Tcp.CanConnect(server.Get<int>("Port")));

        // The same object, read again: the accept loop counts the session on its own thread.
        Assert.True(Poll.Until(() => server.Get<long>("TotalSessions") == 1, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Connect_GetsThe220Banner()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();
        var server = session.Run("Start-FtpLiteServer -Port 0 -Root $args[0]", root.Path).Single();

        var banner = Tcp.ReadFirstLine(server.Get<int>("Port"));

        Assert.StartsWith("220", banner);
    }

    [Fact]
    public void TwoServers_RunSideBySideWithTheirOwnPortsAndNames()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();

        var servers = session.Run("$root = $args[0]; 1..2 | ForEach-Object { Start-FtpLiteServer -Port 0 -Root $root }", root.Path).Output;

        Assert.Equal(2, servers.Count);
        Assert.NotEqual(servers[0].Get<int>("Port"), servers[1].Get<int>("Port"));
        Assert.NotEqual(servers[0].Get<string>("Name"), servers[1].Get<string>("Name"));
        Assert.All(servers, s => Assert.Matches("^FtpLite[0-9]+$", s.Get<string>("Name")));
        Assert.All(servers, s => Assert.True(Tcp.CanConnect(s.Get<int>("Port"))));
    }

    [Fact]
    public void DefaultRoot_IsTheCurrentLocation()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();

        var server = session.Run("$ExecutionContext.SessionState.Path.SetLocation($args[0]) | Out-Null; Start-FtpLiteServer -Port 0", root.Path).Single();

        Assert.Equal(Path.GetFullPath(root.Path), server.Get<string>("Root"));
    }

    [Fact]
    public void RelativeRoot_IsResolvedAgainstTheCurrentLocation()
    {
        using var root = new TempFolder();
        Directory.CreateDirectory(Path.Combine(root.Path, "share"));
        using var session = PowerShellSession.Start();

        var server = session.Run("$ExecutionContext.SessionState.Path.SetLocation($args[0]) | Out-Null; Start-FtpLiteServer share -Port 0", root.Path).Single();

        Assert.Equal(Path.Combine(Path.GetFullPath(root.Path), "share"), server.Get<string>("Root"));
    }

    [Fact]
    public void PortInUse_IsATerminatingPortInUseError()
    {
        using var root = new TempFolder();
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((IPEndPoint)taken.LocalEndpoint).Port;
            using var session = PowerShellSession.Start();

            var error = session.RunExpectingTerminatingError("Start-FtpLiteServer -Port $args[0] -Root $args[1]", port, root.Path);

            Assert.Equal("FtpLite.PortInUse", ScriptResult.ErrorIdOf(error));
            Assert.Equal(ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
            Assert.Contains(port.ToString(), error.ErrorDetails.Message);
            Assert.Empty(session.Run("Get-FtpLiteServer").Output);
        }
        finally
        {
            taken.Stop();
        }
    }

    [Fact]
    public void MissingRoot_IsATerminatingRootNotFoundError()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();

        var error = session.RunExpectingTerminatingError("Start-FtpLiteServer -Port 0 -Root $args[0]", Path.Combine(root.Path, "missing"));

        Assert.Equal("FtpLite.RootNotFound", ScriptResult.ErrorIdOf(error));
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public void RootThatIsAFile_IsARootNotFoundError()
    {
        using var root = new TempFolder();
        var file = Path.Combine(root.Path, "file.txt");
        File.WriteAllText(file, "x");
        using var session = PowerShellSession.Start();

        var error = session.RunExpectingTerminatingError("Start-FtpLiteServer -Port 0 -Root $args[0]", file);

        Assert.Equal("FtpLite.RootNotFound", ScriptResult.ErrorIdOf(error));
    }

    [Theory]
    [InlineData("-PassivePortRange '50100-50000'")]
    [InlineData("-PassivePortRange 50000, 50002, 50001")]
    [InlineData("-ReadOnly -AllowAnonymousWrite")]
    [InlineData("-AllowAnonymousWrite -ListenAddress 0.0.0.0")]
    [InlineData("-ListenAddress 0.0.0.0")]
    [InlineData("-Store ([FtpLite.Storage.LocalFileStore]::new($args[0]))")]
    public void ImpossibleOptions_AreATerminatingInvalidServerOptionError(string options)
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();

        var error = session.RunExpectingTerminatingError($"Start-FtpLiteServer -Port 0 -Root $args[0] {options}", root.Path);

        Assert.Equal("FtpLite.InvalidServerOption", ScriptResult.ErrorIdOf(error));
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Empty(session.Run("Get-FtpLiteServer").Output);
    }

    [Fact]
    public void Store_IsServedInsteadOfAFolder_AndShownAsTheRoot()
    {
        using var root = new TempFolder();
        File.WriteAllText(Path.Combine(root.Path, "from-the-store.txt"), "x");
        using var session = PowerShellSession.Start();

        var server = session.Run("$store = [FtpLite.Storage.LocalFileStore]::new($args[0]); Start-FtpLiteServer -Port 0 -Store $store", root.Path).Single();
        var banner = Tcp.ReadFirstLine(server.Get<int>("Port"));

        Assert.StartsWith("220", banner);
        Assert.Equal(Path.GetFullPath(root.Path), server.Get<string>("Root"));
    }

    [Fact]
    public void UnreadablePortRange_IsRefusedWhileBinding()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();

        var error = session.RunExpectingTerminatingError("Start-FtpLiteServer -Port 0 -Root $args[0] -PassivePortRange 'fifty'", root.Path);

        Assert.Equal("ParameterArgumentTransformationError", ScriptResult.ErrorIdOf(error));
    }

    [Theory]
    [InlineData("'50000-50100'")]
    [InlineData("50000, 50100")]
    [InlineData("(50000..50100)")]
    public void PassivePortRange_AcceptsTextPairsAndRanges(string range)
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();

        var server = session.Run($"Start-FtpLiteServer -Port 0 -Root $args[0] -PassivePortRange {range}", root.Path).Single();

        Assert.Equal("50000-50100", server.Get<string>("PassivePortRange"));
    }

    [Theory]
    [InlineData("30", 30)]
    [InlineData("1.5", 1.5)]
    [InlineData("'00:02:00'", 120)]
    [InlineData("([TimeSpan]::FromMinutes(3))", 180)]
    public void IdleTimeout_ReadsNumbersAsSeconds(string value, double seconds)
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();

        var server = session.Run($"Start-FtpLiteServer -Port 0 -Root $args[0] -IdleTimeout {value}", root.Path).Single();

        Assert.Equal(TimeSpan.FromSeconds(seconds), server.Get<TimeSpan>("IdleTimeout"));
    }

    [Fact]
    public void Options_ReachTheServer()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();

        var server = session.Run(
            "Start-FtpLiteServer -Port 0 -Root $args[0] -Name Limited -MaxSessions 7 -MaxSessionsPerAddress 3 -PassiveAddress 203.0.113.9",
            root.Path).Single();

        Assert.Equal("Limited", server.Get<string>("Name"));
        Assert.Equal(7, server.Get<int>("MaxSessions"));
        Assert.Equal(3, server.Get<int>("MaxSessionsPerAddress"));
        Assert.Equal("203.0.113.9", server.Get<string>("PassiveAddress"));
    }

    [Fact]
    public void Credentials_BecomeAccountsWithoutTheirPasswords()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();

        var result = session.Run(
            "$alice = [pscredential]::new('alice', [Net.NetworkCredential]::new('', 'secret-1').SecurePassword);" +
            "$bob = [pscredential]::new('bob', [Net.NetworkCredential]::new('', 'secret-2').SecurePassword);" +
            "Start-FtpLiteServer -Port 0 -Root $args[0] -Credential $alice, $bob -ListenAddress 0.0.0.0",
            root.Path);

        var server = result.Single();
        Assert.Equal(["alice", "bob"], server.Get<string[]>("UserNames"));
        Assert.Equal("0.0.0.0", server.Get<string>("Address"));
        Assert.StartsWith("ftp://127.0.0.1:", server.Get<string>("Url"));
        Assert.DoesNotContain(server.Properties, p => p.Value?.ToString()?.Contains("secret") == true);
    }

    [Fact]
    public void NameInUse_IsATerminatingServerNameInUseError()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();
        session.Run("Start-FtpLiteServer -Port 0 -Root $args[0] -Name Twin", root.Path);

        var error = session.RunExpectingTerminatingError("Start-FtpLiteServer -Port 0 -Root $args[0] -Name twin", root.Path);

        Assert.Equal("FtpLite.ServerNameInUse", ScriptResult.ErrorIdOf(error));
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Single(session.Run("Get-FtpLiteServer").Output);
    }

    [Fact]
    public void Wait_BlocksUntilStoppedAndThenStopsTheServer()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();
        using var running = session.Begin("Start-FtpLiteServer -Port 0 -Root $args[0] -Name Waiter -Wait", root.Path);

        var server = running.WaitForOutput(1, TimeSpan.FromSeconds(10))[0];
        var port = server.Get<int>("Port");
        Assert.True(Tcp.CanConnect(port));
        Assert.False(running.IsCompleted);

        running.Stop(TimeSpan.FromSeconds(20));

        Assert.Equal(PSInvocationState.Stopped, running.State);
        Assert.Equal("Stopped", server.Get<string>("State"));
        Assert.False(Tcp.CanConnect(port));
        Assert.Empty(session.Run("Get-FtpLiteServer").Output);
    }

    [Fact]
    public void Wait_WritesTheServersActivityToTheInformationStream()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();
        using var running = session.Begin("Start-FtpLiteServer -Port 0 -Root $args[0] -Wait", root.Path);
        running.WaitForOutput(1, TimeSpan.FromSeconds(10));

        Assert.True(Poll.Until(() => running.Streams.Information.Count > 0, TimeSpan.FromSeconds(5)));
        var first = running.Streams.Information[0];
        Assert.Contains("FtpLite", first.Tags);
        Assert.Equal("ServerStarted", PSObject.AsPSObject(first.MessageData).Get<string>("Kind"));

        // A client's session shows up too, written by the pipeline thread while the cmdlet waits.
        using (var ftp = new FtpControl(PSObject.AsPSObject(running.WaitForOutput(1, TimeSpan.FromSeconds(1))[0]).Get<int>("Port")))
        {
            Assert.StartsWith("230", ftp.Login("anonymous", "me@example.org"));
        }
        Assert.True(Poll.Until(
            () => running.Streams.Information.Any(i => PSObject.AsPSObject(i.MessageData).Get<string>("Kind") == "LoginSucceeded"),
            TimeSpan.FromSeconds(5)));

        running.Stop(TimeSpan.FromSeconds(20));
    }
}
