using FtpLite.Storage;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Storage;

public class LocalFileStoreTests
{
    [Fact]
    public void Replace_AbandonedUpload_LeavesTheOldFileAndNoTemporaryFile()
    {
        using var root = new TempFolder();
        File.WriteAllText(root.Combine("f.txt"), "old");
        var store = new LocalFileStore(root.Path);
        using (var upload = store.BeginUpload("/f.txt", UploadMode.Replace, 0))
        {
            upload.Stream.Write(new byte[] { 1, 2, 3 }, 0, 3);
            Assert.Equal("old", File.ReadAllText(root.Combine("f.txt")));
        }
        Assert.Equal("old", File.ReadAllText(root.Combine("f.txt")));
        Assert.Single(Directory.GetFiles(root.Path));
    }

    [Fact]
    public void Replace_CommittedUpload_ReplacesWhole()
    {
        using var root = new TempFolder();
        File.WriteAllText(root.Combine("f.txt"), "a much longer old content");
        var store = new LocalFileStore(root.Path);
        using (var upload = store.BeginUpload("/f.txt", UploadMode.Replace, 0))
        {
            upload.Stream.Write("new"u8.ToArray(), 0, 3);
            upload.Commit();
        }
        Assert.Equal("new", File.ReadAllText(root.Combine("f.txt")));
        Assert.Single(Directory.GetFiles(root.Path));
    }

    [Fact]
    public void TemporaryUploadFiles_AreHiddenAndUnreachable()
    {
        using var root = new TempFolder();
        var store = new LocalFileStore(root.Path);
        using var upload = store.BeginUpload("/f.txt", UploadMode.Replace, 0);
        var temp = Path.GetFileName(Directory.GetFiles(root.Path).Single());
        Assert.Empty(store.List("/"));
        Assert.Null(store.GetEntry("/f.txt"));
        var error = Assert.Throws<FileStoreException>(() => store.OpenRead("/" + temp, 0));
        Assert.Equal(FileStoreError.NotFound, error.Error);
    }

    [Fact]
    public void Resume_BeyondTheEnd_Refused()
    {
        using var root = new TempFolder();
        File.WriteAllText(root.Combine("f.txt"), "abc");
        var store = new LocalFileStore(root.Path);
        Assert.Throws<FileStoreException>(() => store.BeginUpload("/f.txt", UploadMode.Resume, 4));
        Assert.Equal("abc", File.ReadAllText(root.Combine("f.txt")));
    }

    [Fact]
    public void Rename_FolderIntoItself_Refused()
    {
        using var root = new TempFolder();
        Directory.CreateDirectory(root.Combine("a"));
        var store = new LocalFileStore(root.Path);
        Assert.Equal(FileStoreError.InvalidName, Assert.Throws<FileStoreException>(() => store.Rename("/a", "/a/b")).Error);
    }

    [Fact]
    public void Root_CannotBeRemovedOrRenamed()
    {
        using var root = new TempFolder();
        var store = new LocalFileStore(root.Path);
        Assert.Equal(FileStoreError.AccessDenied, Assert.Throws<FileStoreException>(() => store.DeleteDirectory("/")).Error);
        Assert.Equal(FileStoreError.AccessDenied, Assert.Throws<FileStoreException>(() => store.Rename("/", "/x")).Error);
    }

    [Fact]
    public void List_GivesNamesSizesAndKinds_InTheFileSystemsOrder()
    {
        using var root = new TempFolder();
        File.WriteAllText(root.Combine("b.txt"), "bb");
        Directory.CreateDirectory(root.Combine("a"));
        // Read lazily, in the file system's order: sorted here, by the test.
        var entries = new LocalFileStore(root.Path).List("/").OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "a", "b.txt" }, entries.Select(e => e.Name));
        Assert.True(entries[0].IsDirectory);
        Assert.Equal(2, entries[1].Length);
        Assert.Equal("/b.txt", entries[1].VirtualPath);
    }
}
