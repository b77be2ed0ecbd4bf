using FtpLite.PowerShell.Tests.Support;

namespace FtpLite.PowerShell.Tests.Client;

/// <summary>A listing with folders piped to Receive-FtpLiteFile, as Copy-Item treats folders.</summary>
public class MixedListingTests
{
    [Fact]
    public void PipedListing_WithoutRecurse_CreatesTheFolders_AndFetchesTheFiles_WithoutErrors()
    {
        using var bed = new ClientBed();
        bed.RemoteFile("pub/a.txt", "a");
        bed.RemoteFile("pub/sub/deep.txt", "d");

        var result = bed.Run("Get-FtpLiteListing /pub | Receive-FtpLiteFile -Destination ./got");

        Assert.False(result.HadErrors, string.Join("\n", result.Errors));
        Assert.Equal("a", File.ReadAllText(bed.LocalPath("got/a.txt")));
        Assert.True(Directory.Exists(bed.LocalPath("got/sub")));
        Assert.False(File.Exists(bed.LocalPath("got/sub/deep.txt")));
    }

    [Fact]
    public void PipedListing_WithRecurse_BringsTheFoldersWhole()
    {
        using var bed = new ClientBed();
        bed.RemoteFile("pub/a.txt", "a");
        bed.RemoteFile("pub/sub/deep.txt", "d");

        var result = bed.Run("Get-FtpLiteListing /pub | Receive-FtpLiteFile -Destination ./got -Recurse");

        Assert.False(result.HadErrors, string.Join("\n", result.Errors));
        Assert.Equal("d", File.ReadAllText(bed.LocalPath("got/sub/deep.txt")));
    }
}
