using System.Text.RegularExpressions;
using FtpLite.Tests.Cli;
using FtpLite.Tests.Interop;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Storage.S3;

/// <summary>"ftplite serve --store s3" on Swift, with the keys in the environment as a user gives them.</summary>
[Collection(SwiftCollection.Name)]
public sealed class S3ServeCommandTests : IAsyncLifetime
{
    private readonly SwiftFixture _swift;
    private readonly string _prefix = "cli-" + Guid.NewGuid().ToString("N");

    public S3ServeCommandTests(SwiftFixture swift) => _swift = swift;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _swift.DeletePrefixAsync(_prefix + "/");

    [Fact]
    public async Task Serve_StoreS3_ServesTheBucket_WithTheKeysFromTheEnvironment()
    {
        _swift.Require();
        if (OperatingSystem.IsWindows()) Assert.Skip("POSIX signals are not available on Windows");
        using var local = new TempFolder();
        var content = local.WriteRandomFile("up.bin", 200_000, seed: 51);
        var environment = new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = _swift.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = _swift.SecretKey,
            ["AWS_PROFILE"] = null,
            ["AWS_REGION"] = null,
        };

        using var cli = CliProcess.Start(new[]
        {
            "serve", "--port", "0", "--anonymous-write", "--store", "s3", "--bucket", SwiftFixture.Bucket,
            "--endpoint", _swift.Endpoint.ToString(), "--region", _swift.Region, "--prefix", _prefix,
        }, environment);
        var line = await cli.WaitForLineAsync(l => l.StartsWith("FtpLite serving "), TimeSpan.FromSeconds(30));
        var match = Regex.Match(line, @"^FtpLite serving s3://(.+) on ftp://127\.0\.0\.1:(\d+)/$");
        Assert.True(match.Success, line);
        Assert.Equal($"{SwiftFixture.Bucket}/{_prefix}/", match.Groups[1].Value);
        var url = $"ftp://127.0.0.1:{match.Groups[2].Value}/";

        var upload = await Curl.RunAsync("-T", local.Combine("up.bin"), url + "up.bin");
        var list = await Curl.RunAsync(url);
        var download = await Curl.RunAsync("-o", local.Combine("down.bin"), url + "up.bin");
        cli.Signal(CliProcess.SigTerm);

        Assert.Equal(0, await cli.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        upload.AssertSucceeded();
        Assert.Contains(list.AssertSucceeded().StandardOutput.Lines(), l => l.Contains(" 200000 ") && l.EndsWith(" up.bin"));
        download.AssertSucceeded();
        Assert.Equal(content, File.ReadAllBytes(local.Combine("down.bin")));
        using var client = _swift.CreateClient();
        var stored = await client.GetObjectMetadataAsync(SwiftFixture.Bucket, _prefix + "/up.bin");
        Assert.Equal(200_000, stored.ContentLength);
    }
}
