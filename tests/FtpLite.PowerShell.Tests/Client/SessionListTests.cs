using FtpLite.PowerShell.Tests.Support;

namespace FtpLite.PowerShell.Tests.Client;

/// <summary>Sessions as Get-PSSession shows them: listable, a truthful IsConnected, a default that survives a Disconnect.</summary>
public class SessionListTests
{
    [Fact]
    public void DisconnectingTheNewest_MakesTheOlderConnectedSessionTheDefault()
    {
        using var bed = new ClientBed(connect: false);
        bed.RemoteFile("a.txt", "a");
        bed.Run("$older = Connect-FtpLite $server; $newer = Connect-FtpLite $server");

        bed.Run("Disconnect-FtpLite $newer");
        var listed = bed.Run("Get-FtpLiteListing");

        Assert.False(listed.HadErrors, string.Join("\n", listed.Errors));
        Assert.Equal(["a.txt"], listed.Output.Select(i => i.Get<string>("Name")));
    }

    [Fact]
    public void GetFtpLiteSession_ListsTheRunspacesSessions_ById_AndName()
    {
        using var bed = new ClientBed(connect: false);
        bed.Run("$one = Connect-FtpLite $server; $two = Connect-FtpLite $server");

        var all = bed.Run("Get-FtpLiteSession").Output.Select(s => s.Get<int>("Id")).ToArray();
        var byId = bed.Run("Get-FtpLiteSession -Id $two.Id").Single();
        var byServer = bed.Run("Get-FtpLiteSession -Server 127.*").Output;
        var missing = bed.Run("Get-FtpLiteSession -Id 999999");
        bed.Run("Disconnect-FtpLite $one");
        var after = bed.Run("Get-FtpLiteSession").Output.Select(s => s.Get<int>("Id")).ToArray();

        Assert.Equal(2, all.Length);
        Assert.Equal(all[1], byId.Get<int>("Id"));
        Assert.Equal(2, byServer.Count);
        Assert.Equal(["FtpLite.SessionNotFound"], missing.ErrorIds);
        Assert.Equal([all[1]], after);
    }

    [Fact]
    public void IsConnected_TurnsFalse_WhenTheServerHasGone()
    {
        using var bed = new ClientBed(connect: false);
        bed.Run("$s = Connect-FtpLite $server");

        bed.Run("$server | Stop-FtpLiteServer");
        var connected = bed.Run("$s.IsConnected").Single();

        Assert.False((bool)connected.BaseObject);
    }
}
