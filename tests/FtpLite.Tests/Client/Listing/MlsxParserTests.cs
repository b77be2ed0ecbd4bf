using FtpLite.Client;
using FtpLite.Client.Listing;

namespace FtpLite.Tests.Client.Listing;

public class MlsxParserTests
{
    [Fact]
    public void ParseLine_PyftpdlibFile_ReadsFacts()
    {
        var item = MlsxParser.ParseLine("modify=20261124153946;perm=radfwMT;size=6;type=file;unique=fe00gb1e0c9; a file.txt", "/pub")!;

        Assert.Equal("a file.txt", item.Name);
        Assert.Equal("/pub/a file.txt", item.FullName);
        Assert.Equal(FtpItemType.File, item.Type);
        Assert.Equal(6L, item.Length);
        Assert.Equal(new DateTime(2026, 11, 24, 15, 39, 46, DateTimeKind.Utc), item.LastWriteTime);
        Assert.Equal("radfwMT", item.Permissions);
    }

    [Fact]
    public void ParseLine_UnixMode_WinsOverPermFact()
    {
        var item = MlsxParser.ParseLine("type=dir;perm=el;unix.mode=0755;sizd=4096; sub dir", "/")!;

        Assert.Equal(FtpItemType.Directory, item.Type);
        Assert.Equal("rwxr-xr-x", item.Permissions);
        Assert.Equal(4096L, item.Length);
    }

    [Fact]
    public void ParseLine_ProftpdSymlink_IsLinkWithTarget()
    {
        var item = MlsxParser.ParseLine("modify=20240105120000;perm=adfr;size=10;type=OS.unix=slink:/srv/target.txt;UNIX.mode=0777; link", "/")!;

        Assert.Equal(FtpItemType.Link, item.Type);
        Assert.Equal("/srv/target.txt", item.LinkTarget);
    }

    [Theory]
    [InlineData("type=cdir;modify=20240105120000; .")]
    [InlineData("type=pdir;modify=20240105120000; ..")]
    [InlineData("no-space-anywhere")]
    [InlineData("")]
    public void ParseLine_NotAnEntry_IsNull(string line)
    {
        Assert.Null(MlsxParser.ParseLine(line, "/"));
    }

    [Theory]
    // pure-ftpd 1.0.50 answers MLST of its root with pdir (the root is its own parent) and of "." with cdir.
    [InlineData(" type=pdir;sizd=4096;modify=20261202174853;UNIX.mode=0777;UNIX.uid=0;UNIX.gid=0;unique=fe00gb1e050; /", "/", "/", "/")]
    [InlineData(" type=cdir;sizd=4096;modify=20261202174853;UNIX.mode=0777;UNIX.uid=0;UNIX.gid=0;unique=fe00gb1e050; .", "/pub", "pub", "/pub")]
    public void ParseItem_MlstOfAFolderAsCdirOrPdir_IsThatFolder(string line, string directory, string name, string fullName)
    {
        var item = MlsxParser.ParseItem(line, directory)!;

        Assert.Equal(FtpItemType.Directory, item.Type);
        Assert.Equal(name, item.Name);
        Assert.Equal(fullName, item.FullName);
        Assert.Equal("rwxrwxrwx", item.Permissions);
        Assert.Equal(new DateTime(2026, 12, 2, 17, 48, 53, DateTimeKind.Utc), item.LastWriteTime);
    }

    [Fact]
    public void ParseLine_MlstFactLineWithPath_TakesNameFromPath()
    {
        var item = MlsxParser.ParseLine(" modify=20261124153946;size=6;type=file; /a dir/a file.txt", "/elsewhere")!;

        Assert.Equal("a file.txt", item.Name);
        Assert.Equal("/a dir/a file.txt", item.FullName);
    }

    [Fact]
    public void ParseLine_NameWithSemicolonAndSpaces_KeptWhole()
    {
        var item = MlsxParser.ParseLine("type=file;size=1; odd; name  .txt", "/")!;

        Assert.Equal("odd; name  .txt", item.Name);
    }

    [Theory]
    [InlineData("20240105120000", 2024, 1, 5, 12, 0, 0, 0)]
    [InlineData("20240105120000.5", 2024, 1, 5, 12, 0, 0, 500)]
    [InlineData("20240105120000.123", 2024, 1, 5, 12, 0, 0, 123)]
    public void ParseTimeValue_ValidText_IsUtc(string text, int y, int mo, int d, int h, int mi, int s, int ms)
    {
        var time = MlsxParser.ParseTimeValue(text)!.Value;

        Assert.Equal(new DateTime(y, mo, d, h, mi, s, ms, DateTimeKind.Utc), time);
        Assert.Equal(DateTimeKind.Utc, time.Kind);
    }

    [Theory]
    [InlineData("2024010512")]
    [InlineData("20241305120000")]
    [InlineData("yesterday")]
    public void ParseTimeValue_Invalid_IsNull(string text)
    {
        Assert.Null(MlsxParser.ParseTimeValue(text));
    }
}
