using Amazon.S3;
using Amazon.S3.Model;
using FtpLite.Storage.S3;
using FtpLite.Tests.Client.Peers;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Storage.S3;

/// <summary>
/// One throw-away OpenStack Swift with the S3 API on 127.0.0.1 for the whole run (tests/support/swift.sh, ~10 s to
/// start), with a bucket the S3 tests share, each under a key prefix of its own. When Swift cannot start, every test
/// that asks for it skips with the reason, or fails under FTPLITE_REQUIRE_PEERS=1.
/// </summary>
public sealed class SwiftFixture : IAsyncLifetime
{
    public const string Bucket = "ftplite-tests";
    private string? _folder;
    private string? _script;

    /// <summary>Why there is no Swift; null when it runs.</summary>
    public string? Unavailable { get; private set; }

    public Uri Endpoint { get; private set; } = new("http://127.0.0.1:1");
    public string AccessKey { get; private set; } = string.Empty;
    public string SecretKey { get; private set; } = string.Empty;
    public string Region { get; private set; } = "us-east-1";

    public async ValueTask InitializeAsync()
    {
        _script = FindScript();
        if (_script is null)
        {
            Unavailable = "tests/support/swift.sh is not beside the tests";
            return;
        }
        if (!File.Exists("/usr/bin/python3"))
        {
            Unavailable = "Debian's /usr/bin/python3 is missing (tests/peers/get-swift.sh installs python3-swift)";
            return;
        }
        _folder = Path.Combine(Path.GetTempPath(), "ftplite-swift-" + Guid.NewGuid().ToString("N"));
        var started = await PeerProgram.RunAsync("/bin/sh", new[] { _script, "start", _folder }, timeout: TimeSpan.FromSeconds(150));
        if (!started.Succeeded)
        {
            Unavailable = $"Swift did not start ({started.Describe()}): {started.StandardError.Trim()}";
            return;
        }
        foreach (var line in started.StandardOutput.Split('\n'))
        {
            var equals = line.IndexOf('=');
            if (equals < 0) continue;
            var value = line.Substring(equals + 1).Trim();
            switch (line.Substring(0, equals))
            {
                case "endpoint": Endpoint = new Uri(value); break;
                case "access_key": AccessKey = value; break;
                case "secret_key": SecretKey = value; break;
                case "region": Region = value; break;
            }
        }
        using var client = CreateClient();
        await client.PutBucketAsync(new PutBucketRequest { BucketName = Bucket });
    }

    /// <summary>A client with the test account's keys (or <paramref name="secretKey"/> instead of its own).</summary>
    public IAmazonS3 CreateClient(string? secretKey = null) => S3ClientFactory.Create(Endpoint, Region, AccessKey, secretKey ?? SecretKey);

    /// <summary>Skips (or, when peers are required, fails) the calling test when Swift is not running.</summary>
    public void Require()
    {
        if (Unavailable is not null) throw PeerRequirement.Missing(Unavailable);
    }

    /// <summary>Removes every object under a prefix (a test's store).</summary>
    public async Task DeletePrefixAsync(string prefix)
    {
        if (Unavailable is not null) return;
        using var client = CreateClient();
        string? token = null;
        for (var page = 0; page < 1000; page++)
        {
            var listing = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix, ContinuationToken = token });
            foreach (var item in listing.S3Objects ?? new List<S3Object>())
                await client.DeleteObjectAsync(Bucket, item.Key);
            token = listing.NextContinuationToken;
            if (listing.IsTruncated != true) break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_script is not null && _folder is not null)
        {
            await PeerProgram.RunAsync("/bin/sh", new[] { _script, "stop", _folder }, timeout: TimeSpan.FromSeconds(60));
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string? FindScript()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "tests", "support", "swift.sh");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}

[CollectionDefinition(Name)]
public sealed class SwiftCollection : ICollectionFixture<SwiftFixture>
{
    public const string Name = "Swift";
}
