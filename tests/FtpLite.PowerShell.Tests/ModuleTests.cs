using System.Text.RegularExpressions;
using System.Xml.Linq;
using FtpLite.PowerShell.Tests.Support;

namespace FtpLite.PowerShell.Tests;

public class ModuleTests
{
    private static readonly string[] ExpectedCmdlets =
    [
        "Connect-FtpLite", "Disconnect-FtpLite", "Get-FtpLiteFileHash", "Get-FtpLiteListing", "Get-FtpLiteServer", "Get-FtpLiteSession", "New-FtpLiteCertificate",
        "New-FtpLiteDirectory", "New-FtpLiteS3Store", "Receive-FtpLiteFile", "Remove-FtpLiteItem", "Rename-FtpLiteItem", "Send-FtpLiteFile",
        "Start-FtpLiteServer", "Stop-FtpLiteServer", "Sync-FtpLiteDirectory",
    ];

    [Fact]
    public void Import_ExportsExactlyTheModulesCmdlets()
    {
        using var session = PowerShellSession.Start();

        var result = session.Run("Get-Command -Module FtpLite | ForEach-Object { $_.Name + ':' + $_.CommandType }");

        Assert.False(result.HadErrors);
        Assert.Equal(ExpectedCmdlets.Select(n => n + ":Cmdlet"), result.Output.Select(o => o.ToString()).Order());
    }

    [Fact]
    public void Manifest_VersionIsTheOneInDirectoryBuildProps()
    {
        var props = File.ReadAllText(Path.Combine(RepoPaths.Root, "Directory.Build.props"));
        var version = Regex.Match(props, "<Version>([^<]+)</Version>").Groups[1].Value;
        using var session = PowerShellSession.Start();

        var loaded = session.Run("(Get-Module FtpLite).Version.ToString()").Single().ToString();
        var source = Regex.Match(File.ReadAllText(Path.Combine(RepoPaths.SourceModuleFolder, "FtpLite.psd1")), "ModuleVersion\\s*=\\s*'([^']+)'").Groups[1].Value;

        Assert.Equal(version, loaded);
        Assert.Equal(version, source);
    }

    [Fact]
    public void ModuleFolder_HoldsOurAssembliesAndNoPowerShellReference()
    {
        var files = Directory.GetFiles(RepoPaths.ModuleFolder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepoPaths.ModuleFolder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(
            ["FtpLite.PowerShell.dll", "FtpLite.dll", "FtpLite.format.ps1xml", "FtpLite.psd1", "FtpLite.psm1", "LICENSE", "en-US/FtpLite.PowerShell.dll-Help.xml", "en-US/about_FtpLite.help.txt",
             // The ReadyToRun copies PowerShell 7 on x64 Linux loads (FtpLite.psm1); tests/FtpLiteReadyToRun.Tests.ps1 checks them.
             "linux-x64/FtpLite.PowerShell.dll", "linux-x64/FtpLite.dll"],
            files.Where(f => !f.StartsWith("S3/", StringComparison.Ordinal)));

        // The S3 store and the AWS SDK with its dependencies, loaded on first use (New-FtpLiteS3Store); the library
        // only once, beside the cmdlets, and nothing of PowerShell's.
        var s3 = files.Where(f => f.StartsWith("S3/", StringComparison.Ordinal)).ToArray();
        Assert.Subset(s3.ToHashSet(), new HashSet<string> { "S3/FtpLite.Storage.S3.dll", "S3/AWSSDK.Core.dll", "S3/AWSSDK.S3.dll" });
        Assert.DoesNotContain("S3/FtpLite.dll", s3);
        Assert.DoesNotContain(s3, f => f.Contains("System.Management.Automation", StringComparison.Ordinal));
    }

    [Fact]
    public void FormatFile_HasATableViewForTheServerObject()
    {
        using var session = PowerShellSession.Start();
        var typeName = session.Run("Start-FtpLiteServer -Port 0 -Root $args[0] | ForEach-Object { $_.PSObject.TypeNames[0]; $_ | Stop-FtpLiteServer }", Path.GetTempPath())
            .Single().ToString();

        var format = XDocument.Load(Path.Combine(RepoPaths.ModuleFolder, "FtpLite.format.ps1xml"));
        var view = Assert.Single(format.Descendants("View"), v => (string?)v.Element("ViewSelectedBy")?.Element("TypeName") == typeName && v.Element("TableControl") is not null);
        var columns = view.Descendants("Label").Select(p => p.Value).ToArray();

        Assert.Equal("FtpLite.PowerShell.FtpLiteServer", typeName);
        // Root and the raw byte counts are in the list view: the table fits 80 columns.
        Assert.Subset(columns.ToHashSet(), new HashSet<string> { "Id", "Name", "State", "Endpoint", "Sessions", "Received", "Sent" });
    }

    [Theory]
    [InlineData("FtpLite.PowerShell.FtpLiteItem", "Get-FtpLiteListing", new[] { "Mode", "LastWriteTime", "Length", "Name" })]
    [InlineData("FtpLite.Client.FtpTransferResult", "Send-FtpLiteFile", new[] { "Size", "Duration", "Rate", "Verified", "RemotePath" })]
    [InlineData("FtpLite.PowerShell.FtpLiteSession", "Connect-FtpLite", new[] { "Server", "Port", "UserName", "Connected", "Default", "Directory" })]
    [InlineData("FtpLite.PowerShell.FtpLiteFileHash", "Get-FtpLiteFileHash", new[] { "Algorithm", "Hash", "Path" })]
    public void FormatFile_HasATableViewForEachClientOutput(string typeName, string cmdlet, string[] expectedColumns)
    {
        using var session = PowerShellSession.Start();
        var declared = session.Run("(Get-Command $args[0]).OutputType | ForEach-Object { $_.Name }", cmdlet).Output.Select(o => o.ToString());

        var format = XDocument.Load(Path.Combine(RepoPaths.ModuleFolder, "FtpLite.format.ps1xml"));
        var view = Assert.Single(format.Descendants("View"), v => (string?)v.Element("ViewSelectedBy")?.Element("TypeName") == typeName && v.Element("TableControl") is not null);
        var columns = view.Element("TableControl")!.Descendants("Label").Select(p => p.Value).ToHashSet();

        Assert.Contains(typeName, declared);
        Assert.Subset(columns, expectedColumns.ToHashSet());
    }

    [Fact]
    public void RemoveModule_ClosesTheSessionsClientConnections()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();
        session.Run("$server = Start-FtpLiteServer -Port 0 -Root $args[0]; $s = Connect-FtpLite $server", root.Path);

        session.Run("Remove-Module FtpLite");

        Assert.False((bool)session.Run("$s.IsConnected").Single().BaseObject);
    }

    [Fact]
    public void RemoveModule_StopsTheSessionsServers()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();
        var server = session.Run("$s = Start-FtpLiteServer -Port 0 -Root $args[0]; $s", root.Path).Single();
        var port = server.Get<int>("Port");
        Assert.True(Tcp.CanConnect(port));

        session.Run("Remove-Module FtpLite");

        Assert.Equal("Stopped", session.Run("$s.State.ToString()").Single().ToString());
        Assert.False(Tcp.CanConnect(port));
    }
}
