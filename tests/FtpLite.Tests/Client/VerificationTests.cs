using System.Security.Cryptography;
using FtpLite.Client;
using FtpLite.Tests.Client.Fakes;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Client;

/// <summary>Each verification choice, seen on the wire: what the client asks the server after a file transfer.</summary>
public class VerificationTests
{
    private static readonly byte[] Content = { 10, 20, 30, 40, 50 };
    private static readonly string Sha256 = Convert.ToHexString(SHA256.HashData(Content)).ToLowerInvariant();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ScriptedFtpServer ServerWithHash()
    {
        var server = new ScriptedFtpServer { File = Content, Features = " EPSV\r\n SIZE\r\n HASH SHA-256*\r\n" };
        server.Replies["HASH"] = $"213 SHA-256 0-5 {Sha256} f\r\n";
        return server;
    }

    private static async Task<FtpClient> ConnectAsync(ScriptedFtpServer server) =>
        await FtpClient.ConnectAsync(new FtpClientOptions("127.0.0.1", server.Port), Token);

    [Fact]
    public async Task Download_VerifyNone_NeitherHashNorSizeAsked()
    {
        await using var server = ServerWithHash();
        using var client = await ConnectAsync(server);
        using var local = new TempFolder();

        var result = await client.DownloadFileAsync("f", local.Combine("f"), new FtpTransferOptions { Verify = FtpVerification.None }, cancellationToken: Token);

        Assert.Equal(Content, File.ReadAllBytes(local.Combine("f")));
        Assert.Equal(FtpVerification.None, result.Verification);
        Assert.Null(result.HashVerified);
        Assert.Equal(0, server.Count("HASH"));
        Assert.Equal(0, server.Count("SIZE"));
    }

    [Fact]
    public async Task Download_VerifySize_SizeAskedNoHash()
    {
        await using var server = ServerWithHash();
        using var client = await ConnectAsync(server);
        using var local = new TempFolder();

        var result = await client.DownloadFileAsync("f", local.Combine("f"), new FtpTransferOptions { Verify = FtpVerification.Size }, cancellationToken: Token);

        Assert.Equal(FtpVerification.Size, result.Verification);
        Assert.Null(result.HashVerified);
        Assert.Equal(0, server.Count("HASH"));
        Assert.Equal(1, server.Count("SIZE"));
    }

    [Fact]
    public async Task Download_DefaultIsHash_WhereTheServerOffersIt()
    {
        await using var server = ServerWithHash();
        using var client = await ConnectAsync(server);
        using var local = new TempFolder();

        var result = await client.DownloadFileAsync("f", local.Combine("f"), cancellationToken: Token);

        Assert.Equal(FtpVerification.Hash, result.Verification);
        Assert.True(result.HashVerified);
        Assert.Equal(Sha256, result.Hash);
        Assert.Equal(1, server.Count("HASH"));
    }

    [Fact]
    public async Task Download_VerifyHash_ServerWithoutHash_FallsBackToSize()
    {
        await using var server = new ScriptedFtpServer { File = Content };
        using var client = await ConnectAsync(server);
        using var local = new TempFolder();

        var result = await client.DownloadFileAsync("f", local.Combine("f"), new FtpTransferOptions { Verify = FtpVerification.Hash }, cancellationToken: Token);

        Assert.Equal(FtpVerification.Size, result.Verification);
        Assert.Null(result.HashVerified);
        Assert.Equal(0, server.Count("HASH"));
        Assert.Equal(1, server.Count("SIZE"));
    }

    [Fact]
    public async Task Download_SizeDiffers_HashMismatchError_AndNothingKept()
    {
        await using var server = new ScriptedFtpServer { File = Content };
        server.Replies["SIZE"] = "213 99\r\n";
        using var client = await ConnectAsync(server);
        using var local = new TempFolder();

        var e = await Assert.ThrowsAsync<FtpException>(() =>
            client.DownloadFileAsync("f", local.Combine("f"), new FtpTransferOptions { Verify = FtpVerification.Size }, cancellationToken: Token));

        Assert.Equal(FtpErrorKind.HashMismatch, e.Kind);
        Assert.Contains("99", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(local.Path)); // A part proved wrong is not kept for a resume.
    }

    [Theory]
    [InlineData(FtpVerification.None, 0, 0)]
    [InlineData(FtpVerification.Size, 0, 1)]
    [InlineData(FtpVerification.Hash, 1, 0)]
    public async Task Upload_EachChoice_AsksWhatItSays(FtpVerification verify, int hashes, int sizesAfter)
    {
        await using var server = ServerWithHash();
        using var client = await ConnectAsync(server);
        using var local = new TempFolder();
        File.WriteAllBytes(local.Combine("f"), Content);

        // Overwrite: no SIZE before the upload, so every SIZE counted is the verification's.
        var result = await client.UploadFileAsync(local.Combine("f"), "f", new FtpTransferOptions { Overwrite = true, Verify = verify }, cancellationToken: Token);

        Assert.Equal(verify, result.Verification);
        Assert.Equal(verify == FtpVerification.Hash ? Sha256 : null, result.Hash);
        Assert.Equal(hashes, server.Count("HASH"));
        Assert.Equal(sizesAfter, server.Count("SIZE"));
    }

    [Fact]
    public async Task UploadResumed_HashCoversTheWholeFile_NotOnlyTheBytesSent()
    {
        await using var server = ServerWithHash();
        using var client = await ConnectAsync(server);
        using var local = new TempFolder();
        File.WriteAllBytes(local.Combine("f"), Content);

        // The server already has the whole file (SIZE says 5): nothing is sent, the hash is of all five bytes.
        var result = await client.UploadFileAsync(local.Combine("f"), "f", new FtpTransferOptions { Resume = true }, cancellationToken: Token);

        Assert.Equal(0, result.Bytes);
        Assert.Equal(5, result.ResumedFrom);
        Assert.Equal(Sha256, result.Hash);
        Assert.True(result.HashVerified);
    }
}
