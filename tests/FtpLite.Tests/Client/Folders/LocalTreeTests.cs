using FtpLite.Client;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Client.Folders;

/// <summary>LocalTree.Walk: what a caller walking a local folder gets, in which order, and what it is told about the rest.</summary>
public class LocalTreeTests
{
    [Fact]
    public void Walk_Tree_FilesThenFolders_FolderBeforeItsContents_RelativeSlashPaths()
    {
        using var root = new TempFolder();
        root.WriteRandomFile("b.txt", 10);
        root.WriteRandomFile("a/z.bin", 3);
        root.WriteRandomFile("a/deep/x.txt", 7);
        Directory.CreateDirectory(root.Combine("empty"));

        var entries = LocalTree.Walk(root.Path).ToList();

        Assert.Equal(new[] { "b.txt", "a", "a/z.bin", "a/deep", "a/deep/x.txt", "empty" }, entries.Select(e => e.RelativePath));
        Assert.Equal(new[] { false, true, false, true, false, true }, entries.Select(e => e.IsDirectory));
        Assert.Equal(10, entries[0].Length);
        Assert.Equal(7, entries[4].Length);
        Assert.Equal(File.GetLastWriteTimeUtc(root.Combine("b.txt")), entries[0].LastWriteTimeUtc);
    }

    [Fact]
    public void Walk_DeeperThanTheBound_ThrowsTreeExceptionNamingTheFolder()
    {
        using var root = new TempFolder();
        root.WriteRandomFile("1/2/3/f.txt", 1);

        var e = Assert.Throws<FtpTreeException>(() => LocalTree.Walk(root.Path, maxDepth: 2).ToList());

        Assert.True(e.TooDeep);
        Assert.Equal("1/2/3", e.RelativePath);
    }

    [Fact]
    public void Walk_DeeperThanTheBound_WithHandler_ReportsAndGoesOn()
    {
        using var root = new TempFolder();
        root.WriteRandomFile("1/2/3/f.txt", 1);
        root.WriteRandomFile("z.txt", 1);
        var reported = new List<FtpTreeException>();

        var entries = LocalTree.Walk(root.Path, 2, reported.Add).Select(e => e.RelativePath).ToList();

        Assert.Equal(new[] { "z.txt", "1", "1/2" }, entries);
        Assert.Equal("1/2/3", Assert.Single(reported).RelativePath);
    }

    [Fact]
    public void Walk_LinkedFolders_AreNotFollowed_InsideOrOutsideTheRoot()
    {
        using var root = new TempFolder();
        using var outside = new TempFolder();
        outside.WriteRandomFile("secret.txt", 5);
        root.WriteRandomFile("real/f.txt", 5);
        Directory.CreateSymbolicLink(root.Combine("out"), outside.Path);
        Directory.CreateSymbolicLink(root.Combine("real/loop"), root.Path);

        var entries = LocalTree.Walk(root.Path).Select(e => e.RelativePath).ToList();

        Assert.Equal(new[] { "real", "real/f.txt" }, entries);
    }

    [Fact]
    public void Walk_DanglingFileLink_IsReportedNotDropped()
    {
        using var root = new TempFolder();
        root.WriteRandomFile("ok.txt", 1);
        File.CreateSymbolicLink(root.Combine("broken.txt"), root.Combine("nowhere.txt"));
        var reported = new List<FtpTreeException>();

        var entries = LocalTree.Walk(root.Path, 64, reported.Add).Select(e => e.RelativePath).ToList();

        Assert.Equal(new[] { "ok.txt" }, entries);
        Assert.Equal("broken.txt", Assert.Single(reported).RelativePath);
    }

    [Fact]
    public void Walk_MissingRoot_DirectoryNotFound()
    {
        using var root = new TempFolder();

        Assert.Throws<DirectoryNotFoundException>(() => LocalTree.Walk(root.Combine("nope")));
    }
}
