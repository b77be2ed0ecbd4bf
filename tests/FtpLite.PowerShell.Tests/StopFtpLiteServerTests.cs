using System.Management.Automation;
using FtpLite.PowerShell.Tests.Support;

namespace FtpLite.PowerShell.Tests;

public class StopFtpLiteServerTests
{
    [Fact]
    public void Pipeline_StopsTheServer()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();
        var server = session.Run("$s = Start-FtpLiteServer -Port 0 -Root $args[0]; $s", root.Path).Single();

        var result = session.Run("$s | Stop-FtpLiteServer");

        Assert.False(result.HadErrors);
        Assert.Empty(result.Output);
        AssertStopped(session, server);
    }

    [Fact]
    public void GetPipedToStop_StopsEveryServer()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();
        var servers = session.Run("$root = $args[0]; 1..3 | ForEach-Object { Start-FtpLiteServer -Port 0 -Root $root }", root.Path).Output;

        session.Run("Get-FtpLiteServer | Stop-FtpLiteServer");

        Assert.All(servers, s => AssertStopped(session, s));
    }

    [Fact]
    public void Name_StopsTheMatchingServersOnly()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();
        var servers = session.Run(
            "$root = $args[0]; 'Web1', 'Web2', 'Other' | ForEach-Object { Start-FtpLiteServer -Port 0 -Root $root -Name $_ }", root.Path).Output;

        session.Run("Stop-FtpLiteServer -Name Web*");

        AssertStopped(session, servers[0]);
        AssertStopped(session, servers[1]);
        Assert.Equal(["Other"], session.Run("Get-FtpLiteServer").Output.Select(s => s.Get<string>("Name")));
    }

    [Fact]
    public void Id_StopsThatServer()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();
        var server = session.Run("Start-FtpLiteServer -Port 0 -Root $args[0]", root.Path).Single();

        session.Run("Stop-FtpLiteServer -Id $args[0]", server.Get<int>("Id"));

        AssertStopped(session, server);
    }

    [Fact]
    public void WhatIf_LeavesTheServerRunning()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();
        var server = session.Run("Start-FtpLiteServer -Port 0 -Root $args[0] -Name Keep", root.Path).Single();

        var result = session.Run("Stop-FtpLiteServer -Name Keep -WhatIf");

        Assert.False(result.HadErrors);
        Assert.True(server.Get<bool>("IsRunning"));
        Assert.True(Tcp.CanConnect(server.Get<int>("Port")));
        Assert.Contains("What if", session.UI.Text);
        Assert.Contains("Keep", session.UI.Text);
    }

    [Fact]
    public void Confirm_AnsweredNo_LeavesTheServerRunning()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();
        var server = session.Run("Start-FtpLiteServer -Port 0 -Root $args[0] -Name Ask", root.Path).Single();
        session.UI.QueueAnswer(2); // Yes, Yes to All, [No], No to All, Suspend

        session.Run("Stop-FtpLiteServer -Name Ask -Confirm");

        Assert.True(server.Get<bool>("IsRunning"));
        Assert.Single(session.UI.PromptedFields);
    }

    [Fact]
    public void PassThru_WritesTheStoppedServer()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();
        session.Run("Start-FtpLiteServer -Port 0 -Root $args[0] -Name Done", root.Path);

        var stopped = session.Run("Stop-FtpLiteServer -Name Done -PassThru").Single();

        Assert.Equal("Done", stopped.Get<string>("Name"));
        Assert.Equal("Stopped", stopped.Get<string>("State"));
    }

    [Fact]
    public void AlreadyStopped_IsNotAnError()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();
        session.Run("$s = Start-FtpLiteServer -Port 0 -Root $args[0]; $s | Stop-FtpLiteServer", root.Path);

        var result = session.Run("$s | Stop-FtpLiteServer -PassThru");

        Assert.False(result.HadErrors);
        Assert.Equal("Stopped", result.Single().Get<string>("State"));
    }

    [Fact]
    public void MissingName_IsANonTerminatingServerNotFoundError()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();
        var server = session.Run("Start-FtpLiteServer -Port 0 -Root $args[0] -Name Real", root.Path).Single();

        var result = session.Run("Stop-FtpLiteServer -Name Ghost, Real");

        Assert.Equal(["FtpLite.ServerNotFound"], result.ErrorIds);
        Assert.Equal(ErrorCategory.ObjectNotFound, result.Errors[0].CategoryInfo.Category);
        AssertStopped(session, server);
    }

    [Fact]
    public void MissingMandatoryName_IsPromptedFor()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();
        var server = session.Run("Start-FtpLiteServer -Port 0 -Root $args[0] -Name Asked", root.Path).Single();
        session.UI.QueueAnswer("Asked");

        session.Run("Stop-FtpLiteServer");

        Assert.Equal(["Name"], session.UI.PromptedFields);
        AssertStopped(session, server);
    }

    private static void AssertStopped(PowerShellSession session, PSObject server)
    {
        Assert.Equal("Stopped", server.Get<string>("State"));
        Assert.False(Tcp.CanConnect(server.Get<int>("Port")));
        var id = server.Get<int>("Id");
        Assert.DoesNotContain(session.Run("Get-FtpLiteServer").Output, s => s.Get<int>("Id") == id);
    }
}
