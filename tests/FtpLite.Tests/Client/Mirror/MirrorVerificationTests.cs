using FtpLite.Client;
using FtpLite.Tests.Client.Fakes;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Client.Mirror;

/// <summary>
/// A download mirror checks each copy's length against what the walk listed, asking SIZE only when the two differ
/// (a stale listing), against a server without HASH (as vsftpd): the listing already said the size.
/// </summary>
public sealed class MirrorVerificationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A LIST-only server whose every RETR sends five bytes, listing two files of <paramref name="listed"/> bytes.</summary>
    private static ScriptedFtpServer Server(int listed) => new()
    {
        File = "hello"u8.ToArray(),
        Listing = $"-rw-r--r-- 1 u g {listed} Jan 01 2026 a.bin\r\n-rw-r--r-- 1 u g {listed} Jan 01 2026 b.bin\r\n",
    };

    private static async Task<IReadOnlyList<FtpMirrorResult>> MirrorDownAsync(ScriptedFtpServer server, string local)
    {
        using var client = await FtpClient.ConnectAsync(new FtpClientOptions("127.0.0.1", server.Port), Token);
        var mirror = new FtpMirror(client, FtpTransferDirection.Download, local, "/");
        return await mirror.RunAsync(await mirror.PlanAsync(Token), cancellationToken: Token);
    }

    [Fact]
    public async Task Download_ListedLengthMatches_CheckedBySize_WithoutAskingSize()
    {
        await using var server = Server(listed: 5);
        using var local = new TempFolder();

        var results = await MirrorDownAsync(server, local.Path);

        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal(FtpVerification.Size, Assert.IsType<FtpTransferResult>(r.Transfer).Verification));
        Assert.Equal(0, server.Count("SIZE"));
        Assert.Equal(2, server.Count("RETR"));
        Assert.Equal("hello", File.ReadAllText(Path.Combine(local.Path, "b.bin")));
    }

    [Fact]
    public async Task Download_ListingStale_ServersSizeAgrees_Copied()
    {
        // The file shrank after the walk: the server's SIZE, asked once per such file, says the copy is whole.
        await using var server = Server(listed: 7);
        server.Replies["SIZE"] = "213 5\r\n";
        using var local = new TempFolder();

        var results = await MirrorDownAsync(server, local.Path);

        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.Equal(2, server.Count("SIZE"));
        Assert.Equal("hello", File.ReadAllText(Path.Combine(local.Path, "a.bin")));
    }

    [Fact]
    public async Task Download_ShorterThanListedAndSize_Fails_NoTargetLeft()
    {
        await using var server = Server(listed: 7);
        server.Replies["SIZE"] = "213 7\r\n";
        using var local = new TempFolder();

        var results = await MirrorDownAsync(server, local.Path);

        Assert.All(results, r => Assert.Equal(FtpErrorKind.HashMismatch, Assert.IsType<FtpException>(r.Error).Kind));
        Assert.False(File.Exists(Path.Combine(local.Path, "a.bin")));
    }

    private static async Task<(IReadOnlyList<FtpMirrorResult> Results, TempFolder Local)> MirrorUpAsync(ScriptedFtpServer server, params string[] names)
    {
        var local = new TempFolder();
        foreach (var name in names) File.WriteAllText(Path.Combine(local.Path, name), "hello");
        using var client = await FtpClient.ConnectAsync(new FtpClientOptions("127.0.0.1", server.Port), Token);
        using var mirror = new FtpMirror(client, FtpTransferDirection.Upload, local.Path, "/") { Sessions = 2 };
        return (await mirror.RunAsync(await mirror.PlanAsync(Token), cancellationToken: Token), local);
    }

    [Fact]
    public async Task Upload_WithoutHash_CheckedBySize_FromOneListingOfTheFolder_WithoutAskingSize()
    {
        // The listing (after the copies, as before them) shows both files with the five bytes sent.
        await using var server = new ScriptedFtpServer
        {
            Listing = "-rw-r--r-- 1 u g 5 Jan 01 2026 c.bin\r\n-rw-r--r-- 1 u g 5 Jan 01 2026 d.bin\r\n",
        };

        var (results, local) = await MirrorUpAsync(server, "c.bin", "d.bin");
        using var _ = local;

        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.All(results, r => Assert.Equal(FtpVerification.Size, Assert.IsType<FtpTransferResult>(r.Transfer).Verification));
        Assert.Equal(2, server.Count("STOR"));
        Assert.Equal(0, server.Count("SIZE"));
    }

    [Fact]
    public async Task Upload_ListingShowsAnotherSize_TheCopyFails()
    {
        await using var server = new ScriptedFtpServer
        {
            Listing = "-rw-r--r-- 1 u g 7 Jan 01 2026 c.bin\r\n-rw-r--r-- 1 u g 5 Jan 01 2026 d.bin\r\n",
        };

        var (results, local) = await MirrorUpAsync(server, "c.bin", "d.bin");
        using var _ = local;

        var c = Assert.Single(results, r => r.RelativePath == "c.bin");
        Assert.Equal(FtpErrorKind.HashMismatch, Assert.IsType<FtpException>(c.Error).Kind);
        Assert.Contains("7", c.Error!.Message);
        Assert.True(Assert.Single(results, r => r.RelativePath == "d.bin").Succeeded);
    }

    [Fact]
    public async Task Upload_FileTheListingDoesNotShow_AskedWithSize()
    {
        // The listing shows neither upload (a stale or partial one): each is asked on its own, and SIZE says five bytes.
        await using var server = new ScriptedFtpServer
        {
            File = "hello"u8.ToArray(),
            Listing = "-rw-r--r-- 1 u g 9 Jan 01 2026 other.bin\r\n",
        };

        var (results, local) = await MirrorUpAsync(server, "c.bin", "d.bin");
        using var _ = local;

        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.All(results, r => Assert.Equal(FtpVerification.Size, Assert.IsType<FtpTransferResult>(r.Transfer).Verification));
        Assert.Equal(2, server.Count("SIZE"));
    }
}
