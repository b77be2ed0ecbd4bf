using FtpLite.PowerShell.Tests.Support;

namespace FtpLite.PowerShell.Tests.Client;

/// <summary>Listing items as a PowerShell user reads them: local times with a UTC twin, readable permissions.</summary>
public class ListingItemTests
{
    [Fact]
    public void LastWriteTime_IsLocal_WithAUtcTwin_AsGetChildItemHasThem()
    {
        using var bed = new ClientBed();
        var file = bed.RemoteFile("a.txt", "a");
        var written = new DateTime(2026, 7, 1, 12, 30, 15, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(file, written);

        var item = bed.Run("Get-FtpLiteListing /a.txt").Single();

        var local = item.Get<DateTime>("LastWriteTime");
        var utc = item.Get<DateTime>("LastWriteTimeUtc");
        Assert.Equal(DateTimeKind.Local, local.Kind);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        Assert.Equal(written, utc);
        Assert.Equal(written.ToLocalTime(), local);
    }

    [Fact]
    public void OurServer_PermFacts_AreTypedRights_NotRawLetters()
    {
        using var bed = new ClientBed();
        bed.RemoteFile("a.txt", "a");
        Directory.CreateDirectory(bed.RemotePath("sub"));

        var items = bed.Run("Get-FtpLiteListing /").Output;
        var writable = bed.Run("Get-FtpLiteListing / | Where-Object { $_.Rights -band [FtpLite.PowerShell.FtpLiteRights]::Write } | ForEach-Object Name").Output;

        var file = items.Single(i => i.Get<string>("Name") == "a.txt");
        Assert.Equal("Append, Delete, Rename, Read, Write", file.Get<string>("Rights"));
        Assert.Null(file.Properties["Permissions"]);
        Assert.Equal(["a.txt"], writable.Select(w => w.ToString()));
    }

    [Fact]
    public void PyFtpdLib_PermFacts_AreRightsToo_AndModeIsLeftEmpty()
    {
        using var peer = PyFtpdLib.Start();
        Directory.CreateDirectory(Path.Combine(peer.Root.Path, "pub"));
        File.WriteAllText(Path.Combine(peer.Root.Path, "pub", "a.txt"), "a");
        using var session = PowerShellSession.Start();

        var item = session.Run($"Get-FtpLiteListing /pub -Server 127.0.0.1 -Port {peer.Port}").Single();

        var rights = item.Get<string>("Rights");
        Assert.Contains("Read", rights);
        Assert.Contains("Write", rights);
        Assert.Null(item.Properties["Mode"].Value); // No unix.mode by default: nothing is made up.
    }
}
