using FtpLite.PowerShell.Tests.Support;

namespace FtpLite.PowerShell.Tests.Client;

/// <summary>What the user reads: binary units with binary names, parameters named in advice, escaped wildcards literal.</summary>
public class WordingTests
{
    [Fact]
    public void Progress_PrintsSizesInKiB()
    {
        using var bed = new ClientBed();
        bed.RemoteFile("a.bin", new string('p', 300_000));

        var result = bed.Run("Receive-FtpLiteFile a.bin");

        var statuses = result.Progress.Select(p => p.StatusDescription).Where(s => s.Contains(" of ")).ToArray();
        Assert.NotEmpty(statuses);
        Assert.All(statuses, s => Assert.Matches(@"of 293\.0 KiB \(", s));
    }

    [Fact]
    public void OverwriteRefusal_NamesTheParameters()
    {
        using var bed = new ClientBed();
        bed.LocalFile("a.txt", "new");
        bed.RemoteFile("a.txt", "old");
        bed.RemoteFile("b.txt", "b");
        bed.LocalFile("b.txt", "mine");

        var sent = bed.Run("Send-FtpLiteFile a.txt");
        var received = bed.Run("Receive-FtpLiteFile b.txt");

        Assert.Contains("-Force", sent.Errors.Single().ToString());
        Assert.Contains("-Resume", sent.Errors.Single().ToString());
        Assert.Contains("-Force", received.Errors.Single().ToString());
        Assert.DoesNotContain("ask to overwrite", received.Errors.Single().ToString());
    }

    [Fact]
    public void BacktickEscapedBrackets_AndLiteralPath_NameTheFileItself()
    {
        using var bed = new ClientBed();
        bed.RemoteFile("a[1].txt", "bracketed");
        bed.RemoteFile("a1.txt", "other");
        bed.RemoteFile("star*.txt", "star");
        bed.RemoteFile("starry.txt", "starry");

        var escaped = bed.Run("Get-FtpLiteListing '/a`[1`].txt'").Output.Select(i => i.Get<string>("Name"));
        var plainBrackets = bed.Run("Get-FtpLiteListing '/a[1].txt'").Output.Select(i => i.Get<string>("Name"));
        var escapedStar = bed.Run("Get-FtpLiteListing '/star`*.txt'").Output.Select(i => i.Get<string>("Name"));
        var literal = bed.Run("Receive-FtpLiteFile -LiteralPath '/star*.txt' -Destination ./got");
        var piped = bed.Run("Get-FtpLiteListing '/star`*.txt' | Receive-FtpLiteFile -Destination ./piped");

        Assert.Equal(["a[1].txt"], escaped);
        Assert.Equal(["a[1].txt"], plainBrackets); // FTP names often hold brackets: only * and ? are wildcards.
        Assert.Equal(["star*.txt"], escapedStar);
        Assert.False(literal.HadErrors, string.Join("\n", literal.Errors));
        Assert.Equal(["star*.txt"], Directory.GetFiles(bed.LocalPath("got")).Select(Path.GetFileName));
        Assert.Equal(["star*.txt"], Directory.GetFiles(bed.LocalPath("piped")).Select(Path.GetFileName)); // FullName binds to -LiteralPath.
    }

    [Fact]
    public void PipedListingItems_AreTakenLiterally_ByGetFtpLiteFileHashToo()
    {
        using var bed = new ClientBed();
        bed.RemoteFile("star*.txt", "star");
        bed.RemoteFile("starry.txt", "starry");

        var hashes = bed.Run("Get-FtpLiteListing '/star`*.txt' | Get-FtpLiteFileHash").Output;
        var literal = bed.Run("Get-FtpLiteFileHash -LiteralPath '/star*.txt'").Output;

        Assert.Equal(["/star*.txt"], hashes.Select(h => h.Get<string>("Path")));
        Assert.Equal(["/star*.txt"], literal.Select(h => h.Get<string>("Path")));
    }
}
