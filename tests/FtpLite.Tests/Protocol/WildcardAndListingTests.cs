using FtpLite.Protocol;
using FtpLite.Protocol.Listing;
using FtpLite.Storage;

namespace FtpLite.Tests.Protocol;

public class WildcardAndListingTests
{
    [Theory]
    [InlineData("a.zip", "*.zip", true)]
    [InlineData("a.zip.txt", "*.zip", false)]
    [InlineData("abc", "a?c", true)]
    [InlineData("ac", "a?c", false)]
    [InlineData("anything", "*", true)]
    [InlineData("aXbXc", "a*b*c", true)]
    [InlineData("A.ZIP", "*.zip", false)]
    public void Wildcard(string name, string pattern, bool matches) => Assert.Equal(matches, FtpLite.Protocol.Wildcard.IsMatch(name, pattern));

    [Fact]
    public void Wildcard_ManyStars_StaysFast() =>
        Assert.False(FtpLite.Protocol.Wildcard.IsMatch(new string('a', 5000), new string('*', 2000) + "b"));

    [Fact]
    public void UnixLine_Recent_ShowsTheTime()
    {
        var now = new DateTime(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
        var entry = new FileStoreEntry("report 1.txt", "/report 1.txt", false, 1234, new DateTime(2026, 11, 3, 9, 5, 0, DateTimeKind.Utc));
        Assert.Equal("-rw-r--r--    1 ftp      ftp              1234 Nov 03 09:05 report 1.txt", ListingFormatter.FormatUnixLine(entry, true, now));
    }

    [Fact]
    public void UnixLine_Old_ShowsTheYear_ReadOnlyDirectory()
    {
        var now = new DateTime(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
        var entry = new FileStoreEntry("old", "/old", true, 0, new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        Assert.Equal("dr-xr-xr-x    2 ftp      ftp                 0 Jan 02  2020 old", ListingFormatter.FormatUnixLine(entry, false, now));
    }

    [Fact]
    public void Facts_Rfc3659Form()
    {
        var entry = new FileStoreEntry("f", "/f", false, 7, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        Assert.Equal("type=file;size=7;modify=20260102030405;perm=r; f",
            ListingFormatter.FormatFacts(entry, "f", MlstFacts.All, new FactPermissions(true, false, false)));
        Assert.Equal("size=7; f", ListingFormatter.FormatFacts(entry, "f", MlstFacts.Size, new FactPermissions(true, true, true)));
    }
}
