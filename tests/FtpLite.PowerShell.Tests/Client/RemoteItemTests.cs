using System.Management.Automation;
using System.Security.Cryptography;
using FtpLite.PowerShell.Tests.Support;

namespace FtpLite.PowerShell.Tests.Client;

public class RemoteItemTests
{
    [Fact]
    public void Listing_WritesTypedItems()
    {
        using var bed = new ClientBed();
        bed.RemoteFile("docs/readme.txt", "12345");
        Directory.CreateDirectory(bed.RemotePath("docs/sub"));

        var items = bed.Run("Get-FtpLiteListing /docs").Output;

        Assert.Equal(["sub", "readme.txt"], items.Select(i => i.Get<string>("Name"))); // Folders first, as Get-ChildItem.
        Assert.Equal("FtpLite.PowerShell.FtpLiteItem", items[1].TypeNames[0]);
        Assert.Equal("/docs/readme.txt", items[1].Get<string>("FullName"));
        Assert.Equal("File", items[1].Get<string>("Type"));
        Assert.Equal(5L, items[1].Get<long>("Length"));
        Assert.NotNull(items[1].Properties["LastWriteTime"].Value);
        Assert.Equal("Directory", items[0].Get<string>("Type"));
    }

    [Fact]
    public void Listing_Recurse_WalksSubfolders_AndAWildcardFilters()
    {
        using var bed = new ClientBed();
        bed.RemoteFile("a/1.txt", "1");
        bed.RemoteFile("a/b/2.txt", "2");
        bed.RemoteFile("a/b/3.log", "3");

        var all = bed.Run("Get-FtpLiteListing /a -Recurse").Output.Select(i => i.Get<string>("FullName"));
        var logs = bed.Run("Get-FtpLiteListing /a/b/*.log").Output.Select(i => i.Get<string>("FullName"));

        // Each folder's items together, folders first, then the subfolders' (as Get-ChildItem -Recurse writes them).
        Assert.Equal(["/a/b", "/a/1.txt", "/a/b/2.txt", "/a/b/3.log"], all);
        Assert.Equal(["/a/b/3.log"], logs);
    }

    [Fact]
    public void Listing_OfAMissingPath_IsARemoteItemNotFoundError()
    {
        using var bed = new ClientBed();

        var result = bed.Run("Get-FtpLiteListing /nowhere");

        Assert.Equal(["FtpLite.RemoteItemNotFound"], result.ErrorIds);
        Assert.Equal(ErrorCategory.ObjectNotFound, result.Errors[0].CategoryInfo.Category);
    }

    [Fact]
    public void Remove_DeletesPipedItems_AndWhatIfKeepsThem()
    {
        using var bed = new ClientBed();
        bed.RemoteFile("old/a.tmp", "a");
        bed.RemoteFile("old/b.tmp", "b");
        bed.RemoteFile("old/keep.txt", "k");

        bed.Run("Get-FtpLiteListing /old/*.tmp | Remove-FtpLiteItem -WhatIf");
        Assert.True(File.Exists(bed.RemotePath("old/a.tmp")));

        var result = bed.Run("Get-FtpLiteListing /old/*.tmp | Remove-FtpLiteItem");

        Assert.False(result.HadErrors);
        Assert.Equal(["keep.txt"], Directory.GetFiles(bed.RemotePath("old")).Select(Path.GetFileName));
    }

    [Fact]
    public void Remove_NonEmptyFolder_NeedsRecurse()
    {
        using var bed = new ClientBed();
        bed.RemoteFile("tree/x/y.txt", "y");

        var refused = bed.Run("Remove-FtpLiteItem /tree");
        Assert.Equal(["FtpLite.DirectoryNotEmpty"], refused.ErrorIds);
        Assert.True(Directory.Exists(bed.RemotePath("tree")));

        bed.Run("Remove-FtpLiteItem /tree -Recurse");
        Assert.False(Directory.Exists(bed.RemotePath("tree")));
    }

    [Fact]
    public void Remove_Recurse_ThreeLevelTree_AllGone_SiblingsStay()
    {
        using var bed = new ClientBed();
        bed.RemoteFile("tree/top.txt", "t");
        bed.RemoteFile("tree/a/one.txt", "1");
        bed.RemoteFile("tree/a/b/two.txt", "2");
        bed.RemoteFile("tree/a/b/c/three.txt", "3");
        Directory.CreateDirectory(bed.RemotePath("tree/empty"));
        bed.RemoteFile("tree2/keep.txt", "k");

        var result = bed.Run("Remove-FtpLiteItem /tree -Recurse");

        Assert.False(result.HadErrors);
        Assert.Empty(result.Output);
        Assert.False(Directory.Exists(bed.RemotePath("tree")));
        Assert.True(File.Exists(bed.RemotePath("tree2/keep.txt")));
    }

    [Fact]
    public void Remove_Recurse_DeeperThanTheBound_LimitsExceeded_NothingRemoved()
    {
        using var bed = new ClientBed();
        bed.RemoteFile("deep/top.txt", "t");
        var bottom = bed.RemoteFile("deep/" + string.Join("/", Enumerable.Repeat("d", 65)) + "/bottom.txt", "b");

        var result = bed.Run("Remove-FtpLiteItem /deep -Recurse");

        Assert.Equal(["FtpLite.RemoteOperationFailed"], result.ErrorIds);
        Assert.Equal(ErrorCategory.LimitsExceeded, result.Errors[0].CategoryInfo.Category);
        Assert.Contains("nested more than 64 folders deep", result.Errors[0].ToString());
        Assert.True(File.Exists(bed.RemotePath("deep/top.txt")));
        Assert.True(File.Exists(bottom));
    }

    [Fact]
    public void Remove_Recurse_OnAReadOnlyServer_PermissionDenied_AndTheNextItemIsTried()
    {
        using var bed = new ClientBed(serverArguments: "-ReadOnly");
        bed.RemoteFile("tree/a/b.txt", "b");
        bed.RemoteFile("other/c.txt", "c");

        var result = bed.Run("Remove-FtpLiteItem /tree, /other -Recurse");

        Assert.Equal(["FtpLite.PermissionDenied", "FtpLite.PermissionDenied"], result.ErrorIds);
        Assert.Equal(ErrorCategory.PermissionDenied, result.Errors[0].CategoryInfo.Category);
        Assert.Contains("/tree/a/b.txt", result.Errors[0].ToString());
        Assert.True(File.Exists(bed.RemotePath("tree/a/b.txt")));
        Assert.True(File.Exists(bed.RemotePath("other/c.txt")));
    }

    [Fact]
    public void Listing_Recurse_ThreeLevels_FolderByFolder_FoldersFirst_ThenNames()
    {
        using var bed = new ClientBed();
        bed.RemoteFile("r/z.txt", "z");
        bed.RemoteFile("r/B/x.txt", "x");
        bed.RemoteFile("r/a/y.txt", "y");
        bed.RemoteFile("r/a/m/n/deep.txt", "d");
        Directory.CreateDirectory(bed.RemotePath("r/a/c"));

        var all = bed.Run("Get-FtpLiteListing /r -Recurse").Output.Select(i => i.Get<string>("FullName"));

        Assert.Equal([
            "/r/B", "/r/a", "/r/z.txt",
            "/r/B/x.txt",
            "/r/a/c", "/r/a/m", "/r/a/y.txt",
            "/r/a/m/n",
            "/r/a/m/n/deep.txt",
        ], all);
    }

    [Fact]
    public void Listing_Recurse_TooDeepFolder_LimitsExceeded_AndTheRestIsListed()
    {
        using var bed = new ClientBed();
        bed.RemoteFile("t/" + string.Join("/", Enumerable.Repeat("d", 65)) + "/bottom.txt", "b");
        bed.RemoteFile("t/z/last.txt", "l");

        var result = bed.Run("Get-FtpLiteListing /t -Recurse");
        var names = result.Output.Select(i => i.Get<string>("FullName")).ToList();

        Assert.Equal(["FtpLite.RemoteOperationFailed"], result.ErrorIds);
        Assert.Equal(ErrorCategory.LimitsExceeded, result.Errors[0].CategoryInfo.Category);
        Assert.Contains("/t/" + string.Join("/", Enumerable.Repeat("d", 65)), names); // The folder not listed, in its parent's listing.
        Assert.DoesNotContain(names, n => n.EndsWith("/bottom.txt"));
        Assert.Equal("/t/z/last.txt", names[^1]);
    }

    [Fact]
    public void NewDirectory_CreatesParents_AndAnExistingOneIsAnErrorUnlessForce()
    {
        using var bed = new ClientBed();

        var created = bed.Run("New-FtpLiteDirectory /x/y/z").Single();
        Assert.True(Directory.Exists(bed.RemotePath("x/y/z")));
        Assert.Equal("/x/y/z", created.Get<string>("FullName"));

        var again = bed.Run("New-FtpLiteDirectory /x/y/z");
        Assert.Equal(["FtpLite.TargetExists"], again.ErrorIds);
        Assert.Equal(ErrorCategory.ResourceExists, again.Errors[0].CategoryInfo.Category);

        var forced = bed.Run("New-FtpLiteDirectory /x/y/z -Force");
        Assert.False(forced.HadErrors);
        Assert.Single(forced.Output);
    }

    [Fact]
    public void NewDirectory_WhatIf_CreatesNothing()
    {
        using var bed = new ClientBed();

        bed.Run("New-FtpLiteDirectory /planned -WhatIf");

        Assert.False(Directory.Exists(bed.RemotePath("planned")));
    }

    [Fact]
    public void Rename_RenamesAndMoves_WithPassThru()
    {
        using var bed = new ClientBed();
        bed.RemoteFile("a.txt", "a");
        Directory.CreateDirectory(bed.RemotePath("archive"));

        var renamed = bed.Run("Rename-FtpLiteItem /a.txt b.txt -PassThru").Single();
        Assert.Equal("/b.txt", renamed.Get<string>("FullName"));

        bed.Run("Get-FtpLiteListing /b.txt | Rename-FtpLiteItem -NewName /archive/c.txt");
        Assert.Equal("a", File.ReadAllText(bed.RemotePath("archive/c.txt")));
        Assert.False(File.Exists(bed.RemotePath("b.txt")));
    }

    [Fact]
    public void Rename_OntoAnExistingName_IsATargetExistsError()
    {
        using var bed = new ClientBed();
        bed.RemoteFile("a.txt", "a");
        bed.RemoteFile("b.txt", "b");

        var result = bed.Run("Rename-FtpLiteItem a.txt b.txt");

        Assert.Equal(["FtpLite.TargetExists"], result.ErrorIds);
        Assert.Equal("b", File.ReadAllText(bed.RemotePath("b.txt")));
    }

    [Fact]
    public void FileHash_MatchesTheLocalSha256()
    {
        using var bed = new ClientBed();
        var path = bed.RemoteFile("h.bin", "hash me");
        var expected = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

        var hash = bed.Run("Get-FtpLiteFileHash /h.bin -Algorithm SHA256").Single();

        Assert.Equal("SHA256", hash.Get<string>("Algorithm"));
        Assert.Equal(expected, hash.Get<string>("Hash"));
        Assert.Equal("/h.bin", hash.Get<string>("Path"));
    }

    [Fact]
    public void FileHash_OfPipedItems_IsOnePerFile()
    {
        using var bed = new ClientBed();
        bed.RemoteFile("h/a.bin", "a");
        bed.RemoteFile("h/b.bin", "b");

        var hashes = bed.Run("Get-FtpLiteListing /h | Get-FtpLiteFileHash -Algorithm MD5").Output;

        Assert.Equal(2, hashes.Count);
        Assert.All(hashes, h => Assert.Equal(32, h.Get<string>("Hash").Length));
    }
}
