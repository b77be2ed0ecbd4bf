using Amazon.S3.Model;
using FtpLite.Client;
using FtpLite.Tests.Storage.S3;
using static FtpLite.Tests.ScaleOut.ScaleOutSteps;

namespace FtpLite.Tests.ScaleOut;

/// <summary>
/// docs/scale-out.md's layout over a bucket instead of a folder: three "ftplite serve --store s3" nodes on 127.0.0.2-4
/// over the same keys of one bucket (the run's Swift, each test under a prefix of its own) behind HAProxy on 127.0.0.1.
/// The S3 store keeps no pending uploads, so a client cut off by a dead node uploads again rather than resuming.
/// Swift missing or HAProxy missing skips (fails under FTPLITE_REQUIRE_PEERS=1).
/// </summary>
[Collection(SwiftCollection.Name)]
public sealed class ScaleOutBucketTests : IAsyncLifetime
{
    // Over S3Upload.PartSize (8 MiB), so uploads are multipart ones; held past the first part, so one was sent.
    private const int Large = 12 * 1024 * 1024;
    private const int HoldAt = 9 * 1024 * 1024;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    private readonly SwiftFixture _swift;
    private readonly string _prefix = "scale-" + Guid.NewGuid().ToString("N");
    private Amazon.S3.IAmazonS3? _client;

    public ScaleOutBucketTests(SwiftFixture swift) => _swift = swift;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            foreach (var upload in await UnfinishedUploadsAsync()) await AbortAsync(upload);
            _client.Dispose();
        }
        await _swift.DeletePrefixAsync(_prefix + "/");
    }

    [Fact]
    public async Task UploadThroughTheFront_IsListedAndDownloadedThroughEveryNode()
    {
        using var layout = await StartAsync();
        var content = RandomBytes(300_000, 171);
        using (var uploader = await layout.ConnectFrontAsync())
        {
            Log($"uploading through the front, served by node {await layout.ServingNodeAsync(uploader) + 1}");
            await uploader.UploadAsync(new MemoryStream(content), "landed.bin");
        }
        // One object in the bucket, under the nodes' prefix.
        Assert.Equal(content.Length, (await _client!.GetObjectMetadataAsync(SwiftFixture.Bucket, $"{_prefix}/landed.bin")).ContentLength);

        await AssertEveryNodeServesAsync(layout, "landed.bin", content);
        await AssertTheFrontReachesEveryNodeAsync(layout, "landed.bin", content);
    }

    [Fact]
    public async Task TwoNodesReplacingOneObjectAtOnce_LeaveOneWholeObject()
    {
        using var layout = await StartAsync();
        var old = RandomBytes(500_000, 180);
        var first = RandomBytes(Large, 181);
        var second = RandomBytes(Large - 1_000_000, 182);
        using (var setup = await layout.ConnectFrontAsync()) await setup.UploadAsync(new MemoryStream(old), "same.bin");

        // The same user on two nodes: the bucket has no lock to refuse the second (unlike the folder), both go on.
        using var onNode1 = await layout.ConnectNodeAsync(0);
        using var onNode2 = await layout.ConnectNodeAsync(1);
        var firstSource = new HeldStream(first, HoldAt);
        var secondSource = new HeldStream(second, HoldAt);
        var firstUpload = onNode1.UploadAsync(firstSource, "same.bin");
        var secondUpload = onNode2.UploadAsync(secondSource, "same.bin");
        await Task.WhenAll(firstSource.Reached, secondSource.Reached).WaitAsync(Bound);
        // Both mid-transfer at once: two multipart uploads of one key, each with a part sent; the old object whole.
        var both = await WaitForUploadsWithPartsAsync(2);
        Log($"two multipart uploads of same.bin under way: {string.Join(", ", both.Select(u => u.UploadId))}");
        using (var reader = await layout.ConnectNodeAsync(2)) Assert.Equal(old, await DownloadAsync(reader, "same.bin"));
        firstSource.Release();
        secondSource.Release();
        await Task.WhenAll(firstUpload, secondUpload).WaitAsync(Bound);

        await AssertEveryNodeServesOneWholeOfAsync(layout, "same.bin", first, second);
        Assert.Empty(await UnfinishedUploadsAsync());
    }

    [Fact]
    public async Task NodeKilledMidUpload_OldObjectWhole_OtherNodesServe_ClientReconnectsThroughTheFrontAndUploadsAgain()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("POSIX signals are not available on Windows");
        using var layout = await StartAsync();
        var old = RandomBytes(700_000, 200);
        var content = RandomBytes(Large, 201);
        using (var setup = await layout.ConnectFrontAsync()) await setup.UploadAsync(new MemoryStream(old), "target.bin");

        using var client = await layout.ConnectFrontAsync();
        var victim = await layout.ServingNodeAsync(client);
        var source = new HeldStream(content, HoldAt);
        var upload = client.UploadAsync(source, "target.bin");
        await source.Reached.WaitAsync(Bound);
        // The kill comes once the node has started a multipart upload and sent it a part.
        var dead = Assert.Single(await WaitForUploadsWithPartsAsync(1));
        await KillMidUploadAsync(layout, victim, source, upload, $" (multipart upload {dead.UploadId} of {dead.Key} under way)");

        // The old object is whole, and the other nodes serve it, each on its own control port; the dead node's
        // unfinished upload is nowhere in their listings.
        await AssertLiveNodesServeOnlyAsync(layout, victim, "target.bin", old);

        // The client comes back through the front: another node serves it. Nothing was kept to resume from: it
        // uploads the whole file again, and the old object stays whole until that upload completes.
        using (var again = await layout.ConnectFrontAsync())
        {
            var node = await layout.ServingNodeAsync(again);
            Assert.NotEqual(victim, node);
            Assert.Equal(old.Length, await again.GetSizeAsync("target.bin"));
            var retry = new HeldStream(content, HoldAt);
            var second = again.UploadAsync(retry, "target.bin");
            await retry.Reached.WaitAsync(Bound);
            using (var reader = await layout.ConnectNodeAsync((victim + 1) % layout.Nodes.Count))
                Assert.Equal(old, await DownloadAsync(reader, "target.bin"));
            retry.Release();
            await second.WaitAsync(Bound);
            Log($"reconnected through the front to node {node + 1}, uploaded {content.Length:N0} bytes again");
        }
        // Every later front connection lands on a live node (bounded), and the new object is whole there.
        await AssertTheFrontAvoidsAsync(layout, victim, "target.bin", content);

        // No node aborts the dead one's multipart upload (no node knows of it): it stays in the bucket, invisible,
        // holding its parts, until the bucket's lifecycle rule (AbortIncompleteMultipartUpload) or an operator aborts it.
        var left = Assert.Single(await UnfinishedUploadsAsync());
        Assert.Equal(dead.UploadId, left.UploadId);
        await AbortAsync(left);
        Assert.Empty(await UnfinishedUploadsAsync());
        using (var after = await layout.ConnectFrontAsync()) Assert.Equal(content, await DownloadAsync(after, "target.bin"));
    }

    [Fact]
    public async Task Lftp_DownloadingThroughTheFront_WhenItsNodeIsKilled_ReconnectsToAnotherAndFinishesTheFileWhole()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("POSIX signals are not available on Windows");
        var lftp = Support.PeerProgram.Require("lftp");
        using var layout = await StartAsync();
        // The live node that takes lftp's REST reads the rest with a ranged GET of the object.
        await LftpDownloadOutlivesItsNodeAsync(lftp, layout, RandomBytes(4_000_000, 210));
    }

    private async Task<ScaleOutLayout> StartAsync()
    {
        _swift.Require();
        _client ??= _swift.CreateClient();
        // The keys as a user gives them: in the environment, never on the command line (nor a profile's or region's).
        var environment = new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = _swift.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = _swift.SecretKey,
            ["AWS_PROFILE"] = null,
            ["AWS_REGION"] = null,
        };
        return await ScaleOutLayout.StartAsync(ScaleOutLayout.Bucket(SwiftFixture.Bucket, _swift.Endpoint, _swift.Region, _prefix), null, environment);
    }

    /// <summary>The multipart uploads under this test's prefix that were neither completed nor aborted.</summary>
    private async Task<List<MultipartUpload>> UnfinishedUploadsAsync()
    {
        var response = await _client!.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = SwiftFixture.Bucket, Prefix = _prefix + "/" });
        return response.MultipartUploads ?? new List<MultipartUpload>();
    }

    /// <summary>Waits (bounded) until <paramref name="count"/> unfinished multipart uploads each hold a part.</summary>
    private async Task<List<MultipartUpload>> WaitForUploadsWithPartsAsync(int count)
    {
        var uploads = new List<MultipartUpload>();
        var withParts = 0;
        for (var poll = 0; poll < 300; poll++)
        {
            uploads = await UnfinishedUploadsAsync();
            withParts = 0;
            foreach (var upload in uploads)
            {
                var parts = await _client!.ListPartsAsync(new ListPartsRequest { BucketName = SwiftFixture.Bucket, Key = upload.Key, UploadId = upload.UploadId });
                if (parts.Parts is { Count: > 0 }) withParts++;
            }
            if (withParts >= count) break;
            await Task.Delay(100);
        }
        Assert.Equal(count, uploads.Count);
        Assert.Equal(count, withParts);
        return uploads;
    }

    private Task AbortAsync(MultipartUpload upload) =>
        _client!.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = SwiftFixture.Bucket, Key = upload.Key, UploadId = upload.UploadId });
}
