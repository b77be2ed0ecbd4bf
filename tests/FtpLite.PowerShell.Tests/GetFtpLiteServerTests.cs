using System.Management.Automation;
using FtpLite.PowerShell.Tests.Support;

namespace FtpLite.PowerShell.Tests;

public class GetFtpLiteServerTests
{
    private const string StartThree =
        "$root = $args[0]; 'Alpha', 'Beta', 'Gamma' | ForEach-Object { Start-FtpLiteServer -Port 0 -Root $root -Name $_ } | Out-Null";

    [Fact]
    public void NoName_ListsEveryRunningServerById()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();
        session.Run(StartThree, root.Path);

        var names = session.Run("Get-FtpLiteServer").Output.Select(s => s.Get<string>("Name"));

        Assert.Equal(["Alpha", "Beta", "Gamma"], names);
    }

    [Fact]
    public void Wildcards_SelectByName()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();
        session.Run(StartThree, root.Path);

        var result = session.Run("Get-FtpLiteServer -Name *a, g*");

        Assert.False(result.HadErrors);
        Assert.Equal(["Alpha", "Beta", "Gamma"], result.Output.Select(s => s.Get<string>("Name")));
        Assert.Equal(["Beta"], session.Run("Get-FtpLiteServer b?ta").Output.Select(s => s.Get<string>("Name")));
    }

    [Fact]
    public void Id_SelectsOneServer()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();
        session.Run(StartThree, root.Path);

        var result = session.Run("Get-FtpLiteServer -Id (Get-FtpLiteServer Beta).Id");

        Assert.Equal("Beta", result.Single().Get<string>("Name"));
    }

    [Fact]
    public void MissingName_IsANonTerminatingServerNotFoundError()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();
        session.Run(StartThree, root.Path);

        var result = session.Run("Get-FtpLiteServer -Name Delta, Alpha");

        Assert.True(result.HadErrors);
        Assert.Equal(["FtpLite.ServerNotFound"], result.ErrorIds);
        Assert.Equal(ErrorCategory.ObjectNotFound, result.Errors[0].CategoryInfo.Category);
        Assert.Equal("Alpha", result.Single().Get<string>("Name")); // The error did not stop the rest.
    }

    [Fact]
    public void MissingId_IsANonTerminatingServerNotFoundError()
    {
        using var session = PowerShellSession.Start();

        var result = session.Run("Get-FtpLiteServer -Id 987654");

        Assert.Equal(["FtpLite.ServerNotFound"], result.ErrorIds);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void WildcardMatchingNothing_IsNotAnError()
    {
        using var session = PowerShellSession.Start();

        var result = session.Run("Get-FtpLiteServer -Name Nothing*");

        Assert.False(result.HadErrors);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void Sessions_SeeOnlyTheirOwnServers()
    {
        using var root = new TempFolder();
        using var first = PowerShellSession.Start();
        using var second = PowerShellSession.Start();
        first.Run("Start-FtpLiteServer -Port 0 -Root $args[0] -Name Mine", root.Path);

        Assert.Single(first.Run("Get-FtpLiteServer").Output);
        Assert.Empty(second.Run("Get-FtpLiteServer").Output);
        // A name is unique per session only.
        Assert.Equal("Mine", second.Run("Start-FtpLiteServer -Port 0 -Root $args[0] -Name Mine", root.Path).Single().Get<string>("Name"));
    }

    [Fact]
    public void ClosingTheSession_StopsItsServers()
    {
        using var root = new TempFolder();
        int port;
        using (var session = PowerShellSession.Start())
        {
            port = session.Run("Start-FtpLiteServer -Port 0 -Root $args[0]", root.Path).Single().Get<int>("Port");
            Assert.True(Tcp.CanConnect(port));
        }

        Assert.False(Tcp.CanConnect(port));
    }
}
