using FtpLite.Client;
using FtpLite.Client.Listing;

namespace FtpLite.Tests.Client.Listing;

public class ListParserTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 16, 0, 0, DateTimeKind.Utc);

    [Theory]
    // pyftpdlib
    [InlineData("-rw-r--r--   1 root     root            6 Nov 24 15:39 a file.txt", "a file.txt", 6L)]
    // vsftpd (numeric owner and group)
    [InlineData("-rw-r--r--    1 0        0               6 Nov 24 15:40 a file.txt", "a file.txt", 6L)]
    // pure-ftpd
    [InlineData("-rw-r--r--    1 1000       1000             12 Jan  5 12:00 report.csv", "report.csv", 12L)]
    // ProFTPD
    [InlineData("-rw-r--r--   1 ftp      ftp       1048576 Jan  5 12:00 big.bin", "big.bin", 1048576L)]
    // No group column, as some embedded servers list
    [InlineData("-rw-r--r-- 1 owner 1234 Feb 28 09:05 nogroup.txt", "nogroup.txt", 1234L)]
    // Name with two spaces inside and one at its end
    [InlineData("-rw-r--r--   1 root     root            1 Nov 24 15:39 two  spaces ", "two  spaces ", 1L)]
    // ACL marker after the mode
    [InlineData("-rw-r--r--+  1 root     root            3 Nov 24 15:39 acl.txt", "acl.txt", 3L)]
    public void ParseLine_UnixFile_ReadsNameAndSize(string line, string name, long size)
    {
        var item = ListParser.ParseLine(line, "/pub", Now)!;

        Assert.Equal(name, item.Name);
        Assert.Equal("/pub/" + name, item.FullName);
        Assert.Equal(FtpItemType.File, item.Type);
        Assert.Equal(size, item.Length);
        Assert.Equal("rw-r--r--", item.Permissions);
    }

    [Fact]
    public void ParseLine_UnixDirectoryWithSpace_IsDirectory()
    {
        var item = ListParser.ParseLine("drwxr-xr-x   2 root     root         4096 Nov 24 15:39 sub dir", "/", Now)!;

        Assert.Equal(FtpItemType.Directory, item.Type);
        Assert.Equal("sub dir", item.Name);
        Assert.Equal("/sub dir", item.FullName);
        Assert.Equal("rwxr-xr-x", item.Permissions);
    }

    [Fact]
    public void ParseLine_Symlink_SplitsTarget()
    {
        var item = ListParser.ParseLine("lrwxrwxrwx   1 root     root           10 Nov 24 15:39 link name -> a file.txt", "/", Now)!;

        Assert.Equal(FtpItemType.Link, item.Type);
        Assert.Equal("link name", item.Name);
        Assert.Equal("a file.txt", item.LinkTarget);
    }

    [Fact]
    public void ParseLine_YearInsteadOfTime_DatesAtMidnightThatYear()
    {
        var item = ListParser.ParseLine("-rw-r--r--   1 root     root            0 Mar 04  2019 old.bin", "/", Now)!;

        Assert.Equal(new DateTime(2019, 3, 4, 0, 0, 0, DateTimeKind.Utc), item.LastWriteTime);
        Assert.Equal(DateTimeKind.Utc, item.LastWriteTime!.Value.Kind);
    }

    [Fact]
    public void ParseLine_TimeWithinThisYear_DatesThisYear()
    {
        var item = ListParser.ParseLine("-rw-r--r--   1 root     root            0 Nov 24 15:39 f", "/", Now)!;

        Assert.Equal(new DateTime(2026, 11, 24, 15, 39, 0, DateTimeKind.Utc), item.LastWriteTime);
    }

    [Fact]
    public void ParseLine_TimeLaterThanNow_DatesLastYear()
    {
        // ls shows a time only for the last six months; "Dec 30" seen in November is last December.
        var item = ListParser.ParseLine("-rw-r--r--   1 root     root            0 Dec 30 10:00 f", "/", Now)!;

        Assert.Equal(new DateTime(2025, 12, 30, 10, 0, 0, DateTimeKind.Utc), item.LastWriteTime);
    }

    [Fact]
    public void ParseLine_DosDirectory_IsDirectoryWithoutLength()
    {
        var item = ListParser.ParseLine("11-24-26  03:04PM       <DIR>          My Documents", "/", Now)!;

        Assert.Equal(FtpItemType.Directory, item.Type);
        Assert.Equal("My Documents", item.Name);
        Assert.Null(item.Length);
        Assert.Equal(new DateTime(2026, 11, 24, 15, 4, 0, DateTimeKind.Utc), item.LastWriteTime);
    }

    [Fact]
    public void ParseLine_DosFile_ReadsSizeAndMorningTime()
    {
        var item = ListParser.ParseLine("01-15-2024  12:30AM                 1234 file name.txt", "/x", Now)!;

        Assert.Equal(FtpItemType.File, item.Type);
        Assert.Equal("file name.txt", item.Name);
        Assert.Equal("/x/file name.txt", item.FullName);
        Assert.Equal(1234L, item.Length);
        Assert.Equal(new DateTime(2024, 1, 15, 0, 30, 0, DateTimeKind.Utc), item.LastWriteTime);
    }

    [Theory]
    [InlineData("total 12")]
    [InlineData("drwxr-xr-x   2 root     root         4096 Nov 24 15:39 .")]
    [InlineData("drwxr-xr-x   2 root     root         4096 Nov 24 15:39 ..")]
    [InlineData("")]
    [InlineData("garbage that is no listing")]
    [InlineData("-rw-r--r--   1 root     root            6 Nov 24 15:39")]
    public void ParseLine_NotAnEntry_IsNull(string line)
    {
        Assert.Null(ListParser.ParseLine(line, "/", Now));
    }

    [Fact]
    public void Parse_WholeListingWithCrLf_SkipsHeaderAndDots()
    {
        var text = "total 8\r\n" +
                   "drwxr-xr-x   2 root     root         4096 Nov 24 15:39 .\r\n" +
                   "-rw-r--r--   1 root     root            6 Nov 24 15:39 a file.txt\r\n" +
                   "drwxr-xr-x   2 root     root         4096 Nov 24 15:39 sub dir\r\n";

        var items = ListParser.Parse(text, "/", Now);

        Assert.Equal(new[] { "a file.txt", "sub dir" }, items.Select(i => i.Name));
    }
}
