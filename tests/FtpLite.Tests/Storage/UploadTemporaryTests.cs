using FtpLite.Storage;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Storage;

/// <summary>Upload temporaries: pending uploads per owner, resumes that leave the old file whole, RMD and the sweep.</summary>
public class UploadTemporaryTests
{
    [Theory]
    [InlineData(UploadMode.Resume, 3)]
    [InlineData(UploadMode.Append, 0)]
    public async Task ResumeAndAppend_WithoutAPendingUpload_LeaveTheOldFileWholeUntilTheCommit(UploadMode mode, long offset)
    {
        using var root = new TempFolder();
        File.WriteAllText(root.Combine("f.txt"), "abcdef");
        var store = new LocalFileStore(root.Path);
        using (var upload = await store.BeginUploadAsync("/f.txt", mode, offset, "alice", default))
        {
            upload.Stream.Write("XYZ"u8.ToArray(), 0, 3);
            upload.Stream.Flush();
            Assert.Equal("abcdef", File.ReadAllText(root.Combine("f.txt")));
            await upload.CommitAsync(default);
        }
        Assert.Equal(mode == UploadMode.Append ? "abcdefXYZ" : "abcXYZ", File.ReadAllText(root.Combine("f.txt")));
        Assert.Single(Directory.GetFileSystemEntries(root.Path));
    }

    [Fact]
    public async Task InterruptedUpload_IsPendingForItsOwnerOnly_AndAResumeContinuesIt()
    {
        using var root = new TempFolder();
        File.WriteAllText(root.Combine("f.txt"), "old");
        var store = new LocalFileStore(root.Path);
        using (var upload = await store.BeginUploadAsync("/f.txt", UploadMode.Replace, 0, "alice", default))
            upload.Stream.Write("12345"u8.ToArray(), 0, 5);

        Assert.Equal(5, await store.PendingUploadLengthAsync("/f.txt", "alice", default));
        Assert.Null(await store.PendingUploadLengthAsync("/f.txt", "bob", default));
        Assert.Equal(new[] { "f.txt" }, (await store.ListAllAsync("/")).Select(e => e.Name));
        Assert.Equal(3, (await store.GetEntryAsync("/f.txt", default))!.Length);

        using (var upload = await store.BeginUploadAsync("/f.txt", UploadMode.Resume, 4, "alice", default))
        {
            upload.Stream.Write("4567"u8.ToArray(), 0, 4);
            await upload.CommitAsync(default);
        }
        Assert.Equal("12344567", File.ReadAllText(root.Combine("f.txt")));
        Assert.Null(await store.PendingUploadLengthAsync("/f.txt", "alice", default));
        Assert.Single(Directory.GetFileSystemEntries(root.Path));
    }

    [Fact]
    public async Task SecondUploadOfTheSameTargetByTheSameOwner_RefusedWhileTheFirstRuns()
    {
        using var root = new TempFolder();
        var store = new LocalFileStore(root.Path);
        using var first = await store.BeginUploadAsync("/f.txt", UploadMode.Replace, 0, "alice", default);
        first.Stream.Write(new byte[] { 1 }, 0, 1);

        Assert.Equal(FileStoreError.Failed, (await Assert.ThrowsAsync<FileStoreException>(() => store.BeginUploadAsync("/f.txt", UploadMode.Replace, 0, "alice", default))).Error);
        using (var other = await store.BeginUploadAsync("/f.txt", UploadMode.Replace, 0, "bob", default)) other.Stream.Write(new byte[] { 2 }, 0, 1);
        await first.CommitAsync(default);
        Assert.Equal(new byte[] { 1 }, File.ReadAllBytes(root.Combine("f.txt")));
    }

    [Fact]
    public async Task UploadWithoutOwner_LeavesNothingWhenAbandoned()
    {
        using var root = new TempFolder();
        var store = new LocalFileStore(root.Path);
        using (var upload = await store.BeginUploadAsync("/f.txt", UploadMode.Replace, 0, null, default))
            upload.Stream.Write(new byte[] { 1 }, 0, 1);
        Assert.Empty(Directory.GetFileSystemEntries(root.Path));
    }

    [Fact]
    public async Task DeleteDirectory_WithARunningUploadInside_Refused_AndTheUploadStillCommits()
    {
        using var root = new TempFolder();
        Directory.CreateDirectory(root.Combine("d"));
        var store = new LocalFileStore(root.Path);
        using var upload = await store.BeginUploadAsync("/d/x.bin", UploadMode.Replace, 0, "alice", default);
        upload.Stream.Write(new byte[] { 1, 2 }, 0, 2);

        var refused = await Assert.ThrowsAsync<FileStoreException>(() => store.DeleteDirectoryAsync("/d", default));

        Assert.Equal(FileStoreError.NotEmpty, refused.Error);
        await upload.CommitAsync(default);
        Assert.Equal(new byte[] { 1, 2 }, File.ReadAllBytes(root.Combine("d/x.bin")));
    }

    [Fact]
    public void Sweep_RemovesExpiredAndOverBudgetTemporaries_NeverOneInUse_NorOtherFiles()
    {
        using var root = new TempFolder();
        var now = DateTime.UtcNow;
        string Temp(string folder, char digit, int length, double hoursOld)
        {
            var path = root.Combine($"{folder}/.ftplite-{new string(digit, 32)}.part");
            root.WriteRandomFile($"{folder}/.ftplite-{new string(digit, 32)}.part", length);
            File.SetLastWriteTimeUtc(path, now.AddHours(-hoursOld));
            return path;
        }
        var expired = Temp("a", '1', 10, 30);
        var oldest = Temp("a/b", '2', 600, 5);
        var newer = Temp("a/b", '3', 600, 1);
        var expiredButInUse = Temp("c", '4', 10, 48);
        var user = root.Combine("a/not-ours.part");
        root.WriteRandomFile("a/not-ours.part", 10);
        File.SetLastWriteTimeUtc(user, now.AddDays(-10));

        int removed;
        using (new FileStream(expiredButInUse, FileMode.Open, FileAccess.Write, FileShare.None))
            removed = TempFileSweeper.Sweep(root.Path, now, TimeSpan.FromHours(24), budgetBytes: 1000);

        Assert.Equal(2, removed);
        Assert.False(File.Exists(expired));
        Assert.False(File.Exists(oldest)); // Over the budget: the oldest goes first.
        Assert.True(File.Exists(newer));
        Assert.True(File.Exists(expiredButInUse));
        Assert.True(File.Exists(user));
    }
}
