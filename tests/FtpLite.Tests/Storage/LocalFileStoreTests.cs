using FtpLite.Storage;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Storage;

public class LocalFileStoreTests
{
    [Fact]
    public async Task Replace_AbandonedUpload_LeavesTheOldFileAndNoTemporaryFile()
    {
        using var root = new TempFolder();
        File.WriteAllText(root.Combine("f.txt"), "old");
        var store = new LocalFileStore(root.Path);
        using (var upload = await store.BeginUploadAsync("/f.txt", UploadMode.Replace, 0, null, default))
        {
            upload.Stream.Write(new byte[] { 1, 2, 3 }, 0, 3);
            Assert.Equal("old", File.ReadAllText(root.Combine("f.txt")));
        }
        Assert.Equal("old", File.ReadAllText(root.Combine("f.txt")));
        Assert.Single(Directory.GetFiles(root.Path));
    }

    [Fact]
    public async Task Replace_CommittedUpload_ReplacesWhole()
    {
        using var root = new TempFolder();
        File.WriteAllText(root.Combine("f.txt"), "a much longer old content");
        var store = new LocalFileStore(root.Path);
        using (var upload = await store.BeginUploadAsync("/f.txt", UploadMode.Replace, 0, null, default))
        {
            upload.Stream.Write("new"u8.ToArray(), 0, 3);
            await upload.CommitAsync(default);
        }
        Assert.Equal("new", File.ReadAllText(root.Combine("f.txt")));
        Assert.Single(Directory.GetFiles(root.Path));
    }

    [Fact]
    public async Task TemporaryUploadFiles_AreHiddenAndUnreachable()
    {
        using var root = new TempFolder();
        var store = new LocalFileStore(root.Path);
        using var upload = await store.BeginUploadAsync("/f.txt", UploadMode.Replace, 0, null, default);
        var temp = Path.GetFileName(Directory.GetFiles(root.Path).Single());
        Assert.Empty(await store.ListAllAsync("/"));
        Assert.Null((await store.GetEntryAsync("/f.txt", default)));
        var error = await Assert.ThrowsAsync<FileStoreException>(() => store.OpenReadAsync("/" + temp, 0, default));
        Assert.Equal(FileStoreError.NotFound, error.Error);
    }

    [Fact]
    public async Task Resume_BeyondTheEnd_Refused()
    {
        using var root = new TempFolder();
        File.WriteAllText(root.Combine("f.txt"), "abc");
        var store = new LocalFileStore(root.Path);
        await Assert.ThrowsAsync<FileStoreException>(() => store.BeginUploadAsync("/f.txt", UploadMode.Resume, 4, null, default));
        Assert.Equal("abc", File.ReadAllText(root.Combine("f.txt")));
    }

    [Fact]
    public async Task Rename_FolderIntoItself_Refused()
    {
        using var root = new TempFolder();
        Directory.CreateDirectory(root.Combine("a"));
        var store = new LocalFileStore(root.Path);
        Assert.Equal(FileStoreError.InvalidName, (await Assert.ThrowsAsync<FileStoreException>(() => store.RenameAsync("/a", "/a/b", default))).Error);
    }

    [Fact]
    public async Task Root_CannotBeRemovedOrRenamed()
    {
        using var root = new TempFolder();
        var store = new LocalFileStore(root.Path);
        Assert.Equal(FileStoreError.AccessDenied, (await Assert.ThrowsAsync<FileStoreException>(() => store.DeleteDirectoryAsync("/", default))).Error);
        Assert.Equal(FileStoreError.AccessDenied, (await Assert.ThrowsAsync<FileStoreException>(() => store.RenameAsync("/", "/x", default))).Error);
    }

    [Fact]
    public async Task List_GivesNamesSizesAndKinds_InTheFileSystemsOrder()
    {
        using var root = new TempFolder();
        File.WriteAllText(root.Combine("b.txt"), "bb");
        Directory.CreateDirectory(root.Combine("a"));
        // Read lazily, in the file system's order: sorted here, by the test.
        var entries = (await new LocalFileStore(root.Path).ListAllAsync("/")).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "a", "b.txt" }, entries.Select(e => e.Name));
        Assert.True(entries[0].IsDirectory);
        Assert.Equal(2, entries[1].Length);
        Assert.Equal("/b.txt", entries[1].VirtualPath);
    }
}
