using FtpLite.Storage;
using FtpLite.Storage.S3;
using FtpLite.Tests.Interop;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Storage.S3;

/// <summary>
/// Real FTP clients (curl, lftp, Python's ftplib) against our server serving the S3 store on Swift: what they upload,
/// list, download, rename and delete is what the bucket holds; an aborted upload leaves the old object whole.
/// </summary>
[Collection(SwiftCollection.Name)]
public sealed class S3InteropTests : IAsyncLifetime
{
    // 10 MiB + 1: over S3Upload.PartSize, so the upload is a multipart one of two parts.
    private const int Large = 10 * 1024 * 1024 + 1;

    private readonly SwiftFixture _swift;
    private readonly string _prefix = "interop-" + Guid.NewGuid().ToString("N") + "/";
    private readonly TempFolder _local = new();
    private Amazon.S3.IAmazonS3? _client;

    public S3InteropTests(SwiftFixture swift) => _swift = swift;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _swift.DeletePrefixAsync(_prefix);
        _client?.Dispose();
        _local.Dispose();
    }

    private S3FileStore Store()
    {
        _swift.Require();
        _client ??= _swift.CreateClient();
        return new S3FileStore(_client, SwiftFixture.Bucket, _prefix);
    }

    [Fact]
    public async Task Curl_UploadsListsDownloadsRenamesAndDeletes()
    {
        var store = Store();
        await using var server = TestServer.Start(o => o.Store = store);
        var content = _local.WriteRandomFile("in.bin", Large, seed: 41);

        (await Curl.RunAsync("-T", _local.Combine("in.bin"), Curl.Url(server, "big.bin"))).AssertSucceeded();
        Assert.Equal(content, await store.ReadAllAsync("/big.bin"));

        var list = (await Curl.RunAsync(Curl.Url(server))).AssertSucceeded().StandardOutput.Lines();
        Assert.Contains(list, l => l.StartsWith('-') && l.Contains($" {Large} ") && l.EndsWith(" big.bin"));

        (await Curl.RunAsync("-o", _local.Combine("out.bin"), Curl.Url(server, "big.bin"))).AssertSucceeded();
        Assert.Equal(content, File.ReadAllBytes(_local.Combine("out.bin")));

        (await Curl.RunAsync("-Q", "RNFR big.bin", "-Q", "RNTO moved.bin", "--list-only", Curl.Url(server))).AssertSucceeded();
        Assert.Null(await store.GetEntryAsync("/big.bin", default));
        Assert.Equal(content, await store.ReadAllAsync("/moved.bin"));

        (await Curl.RunAsync("-Q", "DELE moved.bin", "--list-only", Curl.Url(server))).AssertSucceeded();
        Assert.Empty(await store.ListAllAsync("/"));
    }

    [Fact]
    public async Task Lftp_MakesAFolder_PutsListsGetsMovesAndRemoves()
    {
        var store = Store();
        await using var server = TestServer.Start(o => o.Store = store);
        var content = _local.WriteRandomFile("in.bin", 300_000, seed: 42);

        var (result, log) = await Lftp.RunAsync(server,
            $"mkdir docs; put -O docs {_local.Combine("in.bin")} -o a.bin; cls -l docs; get docs/a.bin -o {_local.Combine("got.bin")}; " +
            "mv docs/a.bin docs/b.bin; cls docs; rm docs/b.bin; rmdir docs; cls");
        result.AssertSucceeded();

        Assert.Contains("300000", result.StandardOutput);
        Assert.Contains("docs/b.bin", result.StandardOutput);
        Assert.Equal(content, File.ReadAllBytes(_local.Combine("got.bin")));
        Assert.Empty(await store.ListAllAsync("/"));
        Assert.Contains("RNTO", log);
    }

    // Args: host port target payload partial_bytes. Starts a STOR, sends part of the file, then ABORs it.
    private const string AbortScript = """
        import ftplib, json, sys, time
        host, port, target, payload, partial = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
        ftp = ftplib.FTP(timeout=30)
        ftp.connect(host, port)
        ftp.login()
        ftp.voidcmd("TYPE I")
        conn = ftp.transfercmd("STOR " + target)
        conn.sendall(open(payload, "rb").read()[:partial])
        time.sleep(0.5)  # let the server pass what arrived on to the store
        ftp.sock.sendall(b"ABOR\r\n")
        replies = [ftp.getline()]
        if not replies[-1].startswith("2"):
            replies.append(ftp.getline())
        conn.close()
        replies.append(ftp.sendcmd("NOOP"))
        with open(payload, "rb") as f:
            ftp.storbinary("STOR whole.bin", f)
        ftp.quit()
        print(json.dumps({"replies": replies}))
        """;

    [Fact]
    public async Task Ftplib_AnAbortedUpload_LeavesTheOldObjectWhole_AndAWholeOneArrives()
    {
        var store = Store();
        await using var server = TestServer.Start(o => o.Store = store);
        var old = _local.WriteRandomFile("old.bin", 100_000, seed: 43);
        using (var upload = await store.BeginUploadAsync("/target.bin", UploadMode.Replace, 0, null, default))
        {
            await upload.Stream.WriteAsync(old);
            await upload.CommitAsync(default);
        }
        var content = _local.WriteRandomFile("new.bin", Large, seed: 44);

        // 9 MiB: past the first part, so a multipart upload was under way when the ABOR came.
        var result = await PythonScript.RunJsonAsync(AbortScript, "127.0.0.1", server.Port.ToString(), "target.bin", _local.Combine("new.bin"), (9 * 1024 * 1024).ToString());

        var replies = result.GetProperty("replies").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Contains(replies, r => r.StartsWith("226") || r.StartsWith("225"));
        Assert.StartsWith("200", replies[^1]);
        Assert.Equal(old, await store.ReadAllAsync("/target.bin"));
        Assert.Equal(content, await store.ReadAllAsync("/whole.bin"));
        var uploads = await _client!.ListMultipartUploadsAsync(new Amazon.S3.Model.ListMultipartUploadsRequest { BucketName = SwiftFixture.Bucket, Prefix = _prefix });
        Assert.Empty(uploads.MultipartUploads ?? new List<Amazon.S3.Model.MultipartUpload>());
    }

    // Args: host port payload. Uploads the file, then asks for its SHA-256.
    private const string UploadAndHashScript = """
        import ftplib, json, sys
        host, port, payload = sys.argv[1], int(sys.argv[2]), sys.argv[3]
        ftp = ftplib.FTP(timeout=60)
        ftp.connect(host, port)
        ftp.login()
        with open(payload, "rb") as f:
            ftp.storbinary("STOR big.bin", f)
        ftp.sendcmd("OPTS HASH SHA-256")
        reply = ftp.sendcmd("HASH big.bin")
        ftp.quit()
        print(json.dumps({"hash": reply}))
        """;

    [Fact]
    public async Task Ftplib_A40MiBUpload_ArrivesByteExact_AndHashReadsItsSha256()
    {
        var store = Store();
        await using var server = TestServer.Start(o => o.Store = store);
        var content = _local.WriteRandomFile("big.bin", 40 * 1024 * 1024, seed: 45);

        var result = await PythonScript.RunJsonAsync(UploadAndHashScript, "127.0.0.1", server.Port.ToString(), _local.Combine("big.bin"));

        Assert.Equal(content, await store.ReadAllAsync("/big.bin"));
        // No hash is stored for a multipart object: the server computes it by reading the object back.
        Assert.Null(await store.GetStoredHashAsync("/big.bin", "SHA-256", default));
        var expected = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(content));
        Assert.Contains(expected, result.GetProperty("hash").GetString()!, StringComparison.OrdinalIgnoreCase);
    }
}
