using System.Text;
using FtpLite.Storage;

namespace FtpLite.Tests.Storage;

/// <summary>
/// What every <see cref="IFileStore"/> promises, checked through the interface alone: a store is made empty by
/// <see cref="CreateStoreAsync"/>, filled only through its own uploads, and read back only through its own methods.
/// Derive once per store; a test of something a store's <see cref="IFileStore.Capabilities"/> leave out skips.
/// </summary>
public abstract class FileStoreContractTests : IAsyncLifetime
{
    private IFileStore? _store;

    /// <summary>A new, empty store.</summary>
    protected abstract Task<IFileStore> CreateStoreAsync();

    /// <summary>Removes what <see cref="CreateStoreAsync"/> made (a folder, a bucket's prefix).</summary>
    protected virtual Task DestroyStoreAsync(IFileStore store) => Task.CompletedTask;

    protected IFileStore Store => _store ?? throw new InvalidOperationException("The store is made in InitializeAsync.");

    public async ValueTask InitializeAsync() => _store = await CreateStoreAsync();

    public async ValueTask DisposeAsync()
    {
        if (_store is not null) await DestroyStoreAsync(_store);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Root_IsAnEmptyFolder_AndAMissingPathHasNoEntry()
    {
        var root = await Store.GetEntryAsync("/", default);
        Assert.NotNull(root);
        Assert.True(root.IsDirectory);
        Assert.Empty(await Store.ListAllAsync("/"));
        Assert.Null(await Store.GetEntryAsync("/missing.txt", default));
        Assert.Null(await Store.GetEntryAsync("/missing/deeper.txt", default));
    }

    [Fact]
    public async Task Upload_IsInvisibleUntilItsCommit_ThenWhole()
    {
        using (var upload = await Store.BeginUploadAsync("/f.txt", UploadMode.Replace, 0, "alice", default))
        {
            await upload.Stream.WriteAsync(Bytes("hello"));
            await upload.Stream.FlushAsync();
            Assert.Null(await Store.GetEntryAsync("/f.txt", default));
            Assert.Empty(await Store.ListAllAsync("/"));
            await upload.CommitAsync(default);
        }

        var entry = await Store.GetEntryAsync("/f.txt", default);
        Assert.NotNull(entry);
        Assert.False(entry.IsDirectory);
        Assert.Equal(5, entry.Length);
        Assert.Equal("f.txt", entry.Name);
        Assert.Equal("/f.txt", entry.VirtualPath);
        Assert.Equal("hello", Text(await Store.ReadAllAsync("/f.txt")));
        Assert.Null(await Store.PendingUploadLengthAsync("/f.txt", "alice", default));
    }

    [Fact]
    public async Task AbandonedReplace_LeavesTheOldFileWhole()
    {
        await WriteAsync("/f.txt", "old content");
        using (var upload = await Store.BeginUploadAsync("/f.txt", UploadMode.Replace, 0, "alice", default))
            await upload.Stream.WriteAsync(Bytes("new"));

        Assert.Equal("old content", Text(await Store.ReadAllAsync("/f.txt")));
        Assert.Equal(new[] { "f.txt" }, (await Store.ListAllAsync("/")).Select(e => e.Name));
    }

    [Fact]
    public async Task DiscardedUpload_LeavesTheOldFileWhole_AndNothingToResume()
    {
        await WriteAsync("/f.txt", "old");
        using (var upload = await Store.BeginUploadAsync("/f.txt", UploadMode.Replace, 0, "alice", default))
        {
            await upload.Stream.WriteAsync(Bytes("new data"));
            await upload.DiscardAsync(default);
        }

        Assert.Equal("old", Text(await Store.ReadAllAsync("/f.txt")));
        Assert.Null(await Store.PendingUploadLengthAsync("/f.txt", "alice", default));
    }

    [Fact]
    public async Task CommittedReplace_ReplacesAShorterOrLongerFileWhole()
    {
        await WriteAsync("/f.txt", "a much longer old content");
        await WriteAsync("/f.txt", "new");
        Assert.Equal("new", Text(await Store.ReadAllAsync("/f.txt")));
        Assert.Equal(3, (await Store.GetEntryAsync("/f.txt", default))!.Length);
    }

    [Fact]
    public async Task OpenRead_AtAnOffset_ReadsTheRest_BeyondTheEndIsRefused()
    {
        await WriteAsync("/f.txt", "0123456789");

        Assert.Equal("789", Text(await Store.ReadAllAsync("/f.txt", 7)));
        Assert.Equal(string.Empty, Text(await Store.ReadAllAsync("/f.txt", 10)));
        await Assert.ThrowsAsync<FileStoreException>(() => Store.OpenReadAsync("/f.txt", 11, default));
    }

    [Fact]
    public async Task OpenRead_OfAFolderOrNothing_Refused()
    {
        await Store.CreateDirectoryAsync("/d", default);

        await Assert.ThrowsAsync<FileStoreException>(() => Store.OpenReadAsync("/d", 0, default));
        var missing = await Assert.ThrowsAsync<FileStoreException>(() => Store.OpenReadAsync("/missing.txt", 0, default));
        Assert.Equal(FileStoreError.NotFound, missing.Error);
    }

    [Fact]
    public async Task List_StreamsAFoldersOwnEntries_WithKindsSizesAndPaths()
    {
        await Store.CreateDirectoryAsync("/d", default);
        await Store.CreateDirectoryAsync("/d/sub", default);
        await Store.CreateDirectoryAsync("/d2", default);
        await WriteAsync("/d/a.txt", "aaa");
        await WriteAsync("/d/sub/deeper.txt", "x");
        await WriteAsync("/d2/other.txt", "y");
        await WriteAsync("/d.txt", "z");

        // Unsorted by contract: sorted here, by the test.
        var entries = (await Store.ListAllAsync("/d")).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();

        Assert.Equal(new[] { "a.txt", "sub" }, entries.Select(e => e.Name));
        Assert.False(entries[0].IsDirectory);
        Assert.Equal(3, entries[0].Length);
        Assert.Equal("/d/a.txt", entries[0].VirtualPath);
        Assert.True(entries[1].IsDirectory);
        Assert.Equal("/d/sub", entries[1].VirtualPath);
        Assert.Equal(new[] { "d", "d.txt", "d2" }, (await Store.ListAllAsync("/")).Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public async Task List_OfAnEmptyFolder_IsEmpty()
    {
        await Store.CreateDirectoryAsync("/empty", default);
        Assert.Empty(await Store.ListAllAsync("/empty"));
    }

    [Fact]
    public async Task List_OfAMissingFolder_ThrowsNotFound_AtTheLatestFromTheFirstMove()
    {
        var error = await Assert.ThrowsAsync<FileStoreException>(async () =>
        {
            using var listing = Store.List("/missing");
            await listing.MoveNextAsync(default);
        });
        Assert.Equal(FileStoreError.NotFound, error.Error);
    }

    [Fact]
    public async Task List_IsReadOneEntryAtATime()
    {
        await Store.CreateDirectoryAsync("/many", default);
        for (var i = 0; i < 5; i++) await WriteAsync($"/many/{i}.txt", "x");

        using var listing = Store.List("/many");
        Assert.True(await listing.MoveNextAsync(default));
        var first = listing.Current.Name;
        // Left before its end: disposing an unfinished listing is allowed.
        Assert.Matches(@"^\d\.txt$", first);
    }

    [Fact]
    public async Task CreateDirectory_MakesAFolder_OnceAndOnlyUnderAParent()
    {
        await Store.CreateDirectoryAsync("/d", default);

        Assert.True((await Store.GetEntryAsync("/d", default))!.IsDirectory);
        Assert.Equal(FileStoreError.AlreadyExists, (await Assert.ThrowsAsync<FileStoreException>(() => Store.CreateDirectoryAsync("/d", default))).Error);
        Assert.Equal(FileStoreError.NotFound, (await Assert.ThrowsAsync<FileStoreException>(() => Store.CreateDirectoryAsync("/no/d", default))).Error);
    }

    [Fact]
    public async Task Upload_IntoAMissingFolder_Refused()
    {
        var error = await Assert.ThrowsAsync<FileStoreException>(() => Store.BeginUploadAsync("/no/f.txt", UploadMode.Replace, 0, null, default));
        Assert.Equal(FileStoreError.NotFound, error.Error);
    }

    [Fact]
    public async Task DeleteFile_RemovesIt_AndRefusesAFolderOrNothing()
    {
        await WriteAsync("/f.txt", "x");
        await Store.CreateDirectoryAsync("/d", default);

        await Store.DeleteFileAsync("/f.txt", default);

        Assert.Null(await Store.GetEntryAsync("/f.txt", default));
        Assert.Equal(FileStoreError.NotFound, (await Assert.ThrowsAsync<FileStoreException>(() => Store.DeleteFileAsync("/f.txt", default))).Error);
        Assert.Equal(FileStoreError.NotAFile, (await Assert.ThrowsAsync<FileStoreException>(() => Store.DeleteFileAsync("/d", default))).Error);
    }

    [Fact]
    public async Task DeleteDirectory_RemovesAnEmptyFolderOnly_NeverTheRoot()
    {
        await Store.CreateDirectoryAsync("/empty", default);
        await Store.CreateDirectoryAsync("/full", default);
        await WriteAsync("/full/f.txt", "x");

        await Store.DeleteDirectoryAsync("/empty", default);

        Assert.Null(await Store.GetEntryAsync("/empty", default));
        Assert.Equal(FileStoreError.NotEmpty, (await Assert.ThrowsAsync<FileStoreException>(() => Store.DeleteDirectoryAsync("/full", default))).Error);
        Assert.Equal(FileStoreError.NotFound, (await Assert.ThrowsAsync<FileStoreException>(() => Store.DeleteDirectoryAsync("/empty", default))).Error);
        Assert.Equal(FileStoreError.AccessDenied, (await Assert.ThrowsAsync<FileStoreException>(() => Store.DeleteDirectoryAsync("/", default))).Error);
        Assert.Equal("x", Text(await Store.ReadAllAsync("/full/f.txt")));
    }

    [Fact]
    public async Task RenameFile_MovesIt_ReplacingAFileOfTheTargetsName()
    {
        await Store.CreateDirectoryAsync("/d", default);
        await WriteAsync("/a.txt", "a");
        await WriteAsync("/d/b.txt", "b");

        await Store.RenameAsync("/a.txt", "/d/b.txt", default);

        Assert.Null(await Store.GetEntryAsync("/a.txt", default));
        Assert.Equal("a", Text(await Store.ReadAllAsync("/d/b.txt")));
        Assert.Equal(FileStoreError.NotFound, (await Assert.ThrowsAsync<FileStoreException>(() => Store.RenameAsync("/a.txt", "/c.txt", default))).Error);
        Assert.Equal(FileStoreError.AccessDenied, (await Assert.ThrowsAsync<FileStoreException>(() => Store.RenameAsync("/", "/x", default))).Error);
    }

    [Fact]
    public async Task RenameFolder_MovesAllItHolds_WhereTheStoreCanDoItAtomically_ElseIsRefusedLeavingItWhole()
    {
        await Store.CreateDirectoryAsync("/d", default);
        await Store.CreateDirectoryAsync("/d/sub", default);
        await WriteAsync("/d/sub/f.txt", "deep");

        if (!Has(FileStoreCapabilities.AtomicFolderRename))
        {
            // A store that cannot move a folder at once refuses, rather than leave half of it on each side.
            await Assert.ThrowsAsync<FileStoreException>(() => Store.RenameAsync("/d", "/e", default));
            Assert.Equal("deep", Text(await Store.ReadAllAsync("/d/sub/f.txt")));
            Assert.Null(await Store.GetEntryAsync("/e", default));
            return;
        }

        await Store.RenameAsync("/d", "/e", default);

        Assert.Null(await Store.GetEntryAsync("/d", default));
        Assert.Equal("deep", Text(await Store.ReadAllAsync("/e/sub/f.txt")));
        Assert.Equal(FileStoreError.InvalidName, (await Assert.ThrowsAsync<FileStoreException>(() => Store.RenameAsync("/e", "/e/sub/x", default))).Error);
    }

    [Fact]
    public async Task Append_AddsToTheEnd_AndTheOldFileStaysWholeUntilTheCommit()
    {
        Require(FileStoreCapabilities.Append);
        await WriteAsync("/f.txt", "abc");

        using (var upload = await Store.BeginUploadAsync("/f.txt", UploadMode.Append, 0, "alice", default))
        {
            await upload.Stream.WriteAsync(Bytes("def"));
            await upload.Stream.FlushAsync();
            Assert.Equal("abc", Text(await Store.ReadAllAsync("/f.txt")));
            await upload.CommitAsync(default);
        }

        Assert.Equal("abcdef", Text(await Store.ReadAllAsync("/f.txt")));
        using (var upload = await Store.BeginUploadAsync("/new.txt", UploadMode.Append, 0, null, default))
        {
            await upload.Stream.WriteAsync(Bytes("n"));
            await upload.CommitAsync(default);
        }
        Assert.Equal("n", Text(await Store.ReadAllAsync("/new.txt")));
    }

    [Fact]
    public async Task Resume_KeepsWhatLiesBeforeTheOffset_BeyondTheEndIsRefused()
    {
        Require(FileStoreCapabilities.Resume);
        await WriteAsync("/f.txt", "abcdef");

        using (var upload = await Store.BeginUploadAsync("/f.txt", UploadMode.Resume, 3, "alice", default))
        {
            await upload.Stream.WriteAsync(Bytes("XYZ!"));
            await upload.Stream.FlushAsync();
            Assert.Equal("abcdef", Text(await Store.ReadAllAsync("/f.txt")));
            await upload.CommitAsync(default);
        }

        Assert.Equal("abcXYZ!", Text(await Store.ReadAllAsync("/f.txt")));
        await Assert.ThrowsAsync<FileStoreException>(() => Store.BeginUploadAsync("/f.txt", UploadMode.Resume, 100, "alice", default));
        Assert.Equal("abcXYZ!", Text(await Store.ReadAllAsync("/f.txt")));
    }

    [Fact]
    public async Task InterruptedUpload_IsPendingForItsOwnerOnly_AndItsResumeContinuesIt_ElseNothingIsKept()
    {
        await WriteAsync("/f.txt", "old");
        using (var upload = await Store.BeginUploadAsync("/f.txt", UploadMode.Replace, 0, "alice", default))
        {
            await upload.Stream.WriteAsync(Bytes("12345"));
            await upload.Stream.FlushAsync();
        }

        if (!Has(FileStoreCapabilities.PendingUploads | FileStoreCapabilities.Resume))
        {
            // No pending upload to offer: the owner hears nothing to resume, and the old file is whole and alone.
            Assert.Null(await Store.PendingUploadLengthAsync("/f.txt", "alice", default));
            Assert.Equal("old", Text(await Store.ReadAllAsync("/f.txt")));
            Assert.Equal(new[] { "f.txt" }, (await Store.ListAllAsync("/")).Select(e => e.Name));
            return;
        }

        Assert.Equal(5, await Store.PendingUploadLengthAsync("/f.txt", "alice", default));
        Assert.Null(await Store.PendingUploadLengthAsync("/f.txt", "bob", default));
        Assert.Equal(3, (await Store.GetEntryAsync("/f.txt", default))!.Length);
        Assert.Equal(new[] { "f.txt" }, (await Store.ListAllAsync("/")).Select(e => e.Name));

        using (var upload = await Store.BeginUploadAsync("/f.txt", UploadMode.Resume, 5, "alice", default))
        {
            await upload.Stream.WriteAsync(Bytes("678"));
            await upload.CommitAsync(default);
        }
        Assert.Equal("12345678", Text(await Store.ReadAllAsync("/f.txt")));
        Assert.Null(await Store.PendingUploadLengthAsync("/f.txt", "alice", default));
    }

    [Fact]
    public async Task SetLastWriteTime_IsWhatTheEntryReportsAfterwards()
    {
        Require(FileStoreCapabilities.SetModifiedTime);
        await WriteAsync("/f.txt", "x");
        await Store.CreateDirectoryAsync("/d", default);
        var time = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);

        await Store.SetLastWriteTimeAsync("/f.txt", time, default);
        await Store.SetLastWriteTimeAsync("/d", time, default);

        Assert.Equal(time, (await Store.GetEntryAsync("/f.txt", default))!.LastWriteTimeUtc);
        Assert.Equal(time, (await Store.GetEntryAsync("/d", default))!.LastWriteTimeUtc);
        Assert.Equal(FileStoreError.NotFound,
            (await Assert.ThrowsAsync<FileStoreException>(() => Store.SetLastWriteTimeAsync("/missing.txt", time, default))).Error);
    }

    [Theory]
    [InlineData("/..")]
    [InlineData("/../outside.txt")]
    [InlineData("/d/../../outside.txt")]
    public async Task PathsLeadingAboveTheRoot_ReachNothing(string path)
    {
        // The session never sends these (its paths are normalised); a store must not honour them all the same.
        await Store.CreateDirectoryAsync("/d", default);
        await WriteAsync("/d/f.txt", "x");

        try
        {
            var entry = await Store.GetEntryAsync(path, default);
            Assert.True(entry is null || entry.VirtualPath == path, "an entry of another name");
        }
        catch (FileStoreException)
        {
        }
        var upload = await Record(() => Store.BeginUploadAsync(path, UploadMode.Replace, 0, null, default));
        if (upload is IUpload open)
        {
            // Accepted, it may only be a name of the store's own; committed, it must not show up as a folder ".." nor
            // replace anything the store holds.
            using (open)
            {
                await open.Stream.WriteAsync(Bytes("escaped"));
                await Record(async () =>
                {
                    await open.CommitAsync(default);
                    return open;
                });
            }
        }
        Assert.Equal("x", Text(await Store.ReadAllAsync("/d/f.txt")));
        Assert.Equal(new[] { "d" }, (await Store.ListAllAsync("/")).Select(e => e.Name));
    }

    [Fact]
    public async Task ACancelledToken_StopsAnOperation()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.GetEntryAsync("/", cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.CreateDirectoryAsync("/d", cancelled.Token));
        Assert.Null(await Store.GetEntryAsync("/d", default));
    }

    /// <summary>Whether the store claims every one of <paramref name="needed"/>.</summary>
    protected bool Has(FileStoreCapabilities needed) => (Store.Capabilities & needed) == needed;

    /// <summary>Skips the test when the store lacks <paramref name="needed"/>.</summary>
    protected void Require(FileStoreCapabilities needed)
    {
        if ((Store.Capabilities & needed) != needed) Assert.Skip($"The store cannot do {needed & ~Store.Capabilities}.");
    }

    /// <summary>Writes a whole file through the store.</summary>
    protected async Task WriteAsync(string path, string content)
    {
        using var upload = await Store.BeginUploadAsync(path, UploadMode.Replace, 0, null, default);
        await upload.Stream.WriteAsync(Bytes(content));
        await upload.CommitAsync(default);
    }

    private static async Task<object?> Record(Func<Task<IUpload>> operation)
    {
        try
        {
            return await operation();
        }
        catch (FileStoreException e)
        {
            return e;
        }
    }

    protected static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    protected static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
