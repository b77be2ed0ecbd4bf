using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using FtpLite.Storage;
using FtpLite.Storage.S3;

namespace FtpLite.Tests.Storage.S3;

/// <summary>What the S3 store does beyond the common contract: signatures, multipart uploads and their aborts, heads kept by server-side copy, stored hashes.</summary>
[Collection(SwiftCollection.Name)]
public sealed class S3FileStoreTests : IAsyncLifetime
{
    private const int Large = 12 * 1024 * 1024; // above S3Upload.PartSize: a multipart upload of two parts
    private const int Huge = 40 * 1024 * 1024; // five parts: more than S3Upload.MaxPartsInFlight at once

    private readonly SwiftFixture _swift;
    private readonly string _prefix = "s3store-" + Guid.NewGuid().ToString("N") + "/";
    private IAmazonS3? _client;

    public S3FileStoreTests(SwiftFixture swift) => _swift = swift;

    private IAmazonS3 Client => _client ??= _swift.CreateClient();

    private S3FileStore NewStore() => new(Client, SwiftFixture.Bucket, _prefix);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _swift.DeletePrefixAsync(_prefix);
        _client?.Dispose();
    }

    [Fact]
    public async Task AWrongSecret_IsRefused_AsAccessDenied()
    {
        _swift.Require();
        using var impostor = _swift.CreateClient(secretKey: "not-the-secret");
        var store = new S3FileStore(impostor, SwiftFixture.Bucket, _prefix);

        var error = await Assert.ThrowsAsync<FileStoreException>(() => store.GetEntryAsync("/f.txt", default));
        Assert.Equal(FileStoreError.AccessDenied, error.Error);
        Assert.DoesNotContain(_swift.Endpoint.Authority, error.Message);
        // The right secret on the same endpoint works: the refusal was the signature's.
        Assert.Null(await NewStore().GetEntryAsync("/f.txt", default));
    }

    [Fact]
    public async Task ALargeUpload_IsInvisibleUntilTheCommit_ThenByteExact_WithNoStoredHash()
    {
        _swift.Require();
        var store = NewStore();
        var content = RandomBytes(Huge, 1);

        using (var upload = await store.BeginUploadAsync("/big.bin", UploadMode.Replace, 0, "alice", default))
        {
            // In 1 MiB writes, as a transfer arrives: parts go out in the background while the next ones fill.
            for (var offset = 0; offset < content.Length; offset += 1024 * 1024)
                await upload.Stream.WriteAsync(content.AsMemory(offset, Math.Min(1024 * 1024, content.Length - offset)));
            Assert.Null(await store.GetEntryAsync("/big.bin", default));
            Assert.Single(await InProgressAsync());
            await upload.CommitAsync(default);
        }

        Assert.Equal(content, await store.ReadAllAsync("/big.bin"));
        Assert.Equal(Huge, (await store.GetEntryAsync("/big.bin", default))!.Length);
        // A multipart object's hash would cost a copy of the whole object onto itself: none is stored, HASH reads it.
        Assert.Null(await store.GetStoredHashAsync("/big.bin", "SHA-256", default));
        Assert.Empty(await InProgressAsync());
    }

    [Fact]
    public async Task ASmallUpload_HasItsSha256Stored()
    {
        _swift.Require();
        var store = NewStore();
        var content = RandomBytes(S3Upload.PartSize, 7); // exactly one part: still a single PutObject

        await WriteAsync(store, "/small.bin", content);

        Assert.Equal(content, await store.ReadAllAsync("/small.bin"));
        Assert.Equal(Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant(), await store.GetStoredHashAsync("/small.bin", "SHA-256", default));
        Assert.Empty(await InProgressAsync());
    }

    [Fact]
    public async Task AnAbandonedLargeUpload_IsAborted_AndTheOldObjectStaysWhole()
    {
        _swift.Require();
        var store = NewStore();
        var old = RandomBytes(100_000, 2);
        await WriteAsync(store, "/f.bin", old);

        using (var upload = await store.BeginUploadAsync("/f.bin", UploadMode.Replace, 0, "alice", default))
        {
            await upload.Stream.WriteAsync(RandomBytes(Large, 3));
            Assert.Single(await InProgressAsync());
        }

        Assert.Empty(await InProgressAsync());
        Assert.Equal(old, await store.ReadAllAsync("/f.bin"));
    }

    [Fact]
    public async Task AnUploadAbandonedWithPartsInFlight_LeavesNoMultipartUpload_AndTheOldObjectWhole()
    {
        _swift.Require();
        var store = NewStore();
        var old = RandomBytes(100_000, 8);
        await WriteAsync(store, "/f.bin", old);

        // 40 MiB is five parts: the write returns while the last ones are still being sent, and the upload is dropped
        // at once, as when a client aborts; the abort must wait for (or cancel) them, or a part could outlive it.
        using (var upload = await store.BeginUploadAsync("/f.bin", UploadMode.Replace, 0, "alice", default))
            await upload.Stream.WriteAsync(RandomBytes(Huge, 9));

        Assert.Empty(await InProgressAsync());
        Assert.Equal(old, await store.ReadAllAsync("/f.bin"));
    }

    [Fact]
    public async Task AnAbort_WaitsForThePartsInFlight_BeforeAbortingTheMultipartUpload()
    {
        _swift.Require();
        var store = NewStore();
        var old = RandomBytes(100_000, 11);
        await WriteAsync(store, "/f.bin", old);
        var (client, probe) = HeldPartsClient.Wrap(Client);
        var held = new S3FileStore(client, SwiftFixture.Bucket, _prefix);

        // Three full parts and a byte: the three go out and are held in flight; then the upload is dropped.
        using (var upload = await held.BeginUploadAsync("/f.bin", UploadMode.Replace, 0, "alice", default))
        {
            await upload.Stream.WriteAsync(RandomBytes(3 * S3Upload.PartSize + 1, 12));
            // The parts start in the background: drop the upload only once all three are on their way.
            for (var i = 0; i < 500 && Volatile.Read(ref probe.Started) < S3Upload.MaxPartsInFlight; i++) await Task.Delay(10);
        }

        Assert.Equal(S3Upload.MaxPartsInFlight, probe.Started);
        Assert.Equal(0, probe.RunningAtAbort); // a part still sending after the abort could outlive it on S3
        Assert.Empty(await InProgressAsync());
        Assert.Equal(old, await store.ReadAllAsync("/f.bin"));
    }

    [Fact]
    public async Task AWriteCancelledWhileWaitingForAPart_FailsTheUpload_AndTheAbortLeavesNothing()
    {
        _swift.Require();
        var store = NewStore();
        using var cancel = new CancellationTokenSource();
        cancel.CancelAfter(TimeSpan.FromMilliseconds(50));

        using (var upload = await store.BeginUploadAsync("/f.bin", UploadMode.Replace, 0, "alice", default))
        {
            var content = RandomBytes(Huge, 10);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                for (var round = 0; round < 100; round++) await upload.Stream.WriteAsync(content, cancel.Token);
            });
        }

        Assert.Empty(await InProgressAsync());
        Assert.Null(await store.GetEntryAsync("/f.bin", default));
    }

    [Fact]
    public async Task AppendAndResume_ToAFileOver5MiB_KeepItsHeadByServerSideCopy()
    {
        _swift.Require();
        var store = NewStore();
        var head = RandomBytes(6 * 1024 * 1024, 4);
        var tail = RandomBytes(1000, 5);
        await WriteAsync(store, "/f.bin", head);

        using (var upload = await store.BeginUploadAsync("/f.bin", UploadMode.Append, 0, null, default))
        {
            await upload.Stream.WriteAsync(tail);
            await upload.CommitAsync(default);
        }
        Assert.Equal(head.Concat(tail).ToArray(), await store.ReadAllAsync("/f.bin"));
        // The head was never read through the store: no hash is claimed for the whole.
        Assert.Null(await store.GetStoredHashAsync("/f.bin", "SHA-256", default));

        var offset = 5 * 1024 * 1024 + 17;
        using (var upload = await store.BeginUploadAsync("/f.bin", UploadMode.Resume, offset, null, default))
        {
            await upload.Stream.WriteAsync(tail);
            await upload.CommitAsync(default);
        }
        Assert.Equal(head.Take(offset).Concat(tail).ToArray(), await store.ReadAllAsync("/f.bin"));
    }

    [Fact]
    public async Task RenameAndTime_KeepTheContentAndTheStoredHash()
    {
        _swift.Require();
        var store = NewStore();
        var content = RandomBytes(3000, 6);
        await WriteAsync(store, "/a.bin", content);
        var time = new DateTime(2010, 5, 6, 7, 8, 9, DateTimeKind.Utc);

        await store.SetLastWriteTimeAsync("/a.bin", time, default);
        await store.RenameAsync("/a.bin", "/b.bin", default);

        Assert.Null(await store.GetEntryAsync("/a.bin", default));
        Assert.Equal(content, await store.ReadAllAsync("/b.bin"));
        Assert.Equal(time, (await store.GetEntryAsync("/b.bin", default))!.LastWriteTimeUtc);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant(), await store.GetStoredHashAsync("/b.bin", "SHA-256", default));
    }

    [Fact]
    public async Task AFolderRename_IsRefused_AndTheCapabilitiesSaySo()
    {
        _swift.Require();
        var store = NewStore();
        await store.CreateDirectoryAsync("/d", default);
        await WriteAsync(store, "/d/f.txt", new byte[] { 1 });

        Assert.False(store.Capabilities.HasFlag(FileStoreCapabilities.AtomicFolderRename));
        await Assert.ThrowsAsync<FileStoreException>(() => store.RenameAsync("/d", "/e", default));
        Assert.NotNull(await store.GetEntryAsync("/d/f.txt", default));
    }

    private async Task<List<MultipartUpload>> InProgressAsync()
    {
        var response = await Client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = SwiftFixture.Bucket, Prefix = _prefix });
        return response.MultipartUploads ?? new List<MultipartUpload>();
    }

    private static async Task WriteAsync(IFileStore store, string path, byte[] content)
    {
        using var upload = await store.BeginUploadAsync(path, UploadMode.Replace, 0, null, default);
        await upload.Stream.WriteAsync(content);
        await upload.CommitAsync(default);
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
