using FtpLite.Client;
using FtpLite.Protocol.Hashing;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Client.Peers;

/// <summary>The shared stories against our own server, plus what only it offers among the peers: HASH.</summary>
public sealed class FtpLiteServerClientTests : ClientAgainstPeerTests
{
    protected override Task<IFtpPeer> StartPeerAsync() => Task.FromResult<IFtpPeer>(FtpLiteServerPeer.Start());

    [Theory]
    [InlineData(FtpHashAlgorithm.Sha256)]
    [InlineData(FtpHashAlgorithm.Sha1)]
    [InlineData(FtpHashAlgorithm.Md5)]
    [InlineData(FtpHashAlgorithm.Crc32)]
    public async Task GetHash_EachAlgorithm_MatchesLocalHash(FtpHashAlgorithm algorithm)
    {
        await using var peer = FtpLiteServerPeer.Start();
        using var client = await FtpClient.ConnectAsync(peer.ClientOptions(), Token);
        var path = Path.Combine(peer.Root, "h.bin");
        File.WriteAllBytes(path, RandomBytes(100_000, 21));

        var remote = await client.GetHashAsync("h.bin", algorithm, Token);

        Assert.Equal(await LocalFileHasher.HashFileAsync(path, algorithm, Token), remote);
    }

    [Fact]
    public async Task FileTransfers_ServerOffersHash_VerifiedWithSha256()
    {
        await using var peer = FtpLiteServerPeer.Start();
        using var client = await FtpClient.ConnectAsync(peer.ClientOptions(), Token);
        using var local = new TempFolder();
        local.WriteRandomFile("v.bin", 500_000, seed: 22);

        var up = await client.UploadFileAsync(local.Combine("v.bin"), "v.bin", cancellationToken: Token);
        var down = await client.DownloadFileAsync("v.bin", local.Combine("back.bin"), cancellationToken: Token);

        Assert.Contains(FtpHashAlgorithm.Sha256, client.HashAlgorithms);
        Assert.True(up.HashVerified);
        Assert.True(down.HashVerified);
        Assert.Equal(FtpHashAlgorithm.Sha256, down.HashAlgorithm);
        Assert.Equal(up.Hash, down.Hash);
        Assert.Equal(64, down.Hash!.Length);
    }

    [Fact]
    public async Task FileTransfer_VerifyHashOff_NotChecked()
    {
        await using var peer = FtpLiteServerPeer.Start();
        using var client = await FtpClient.ConnectAsync(peer.ClientOptions(), Token);
        using var local = new TempFolder();
        File.WriteAllText(Path.Combine(peer.Root, "n.txt"), "n");

        var down = await client.DownloadFileAsync("n.txt", local.Combine("n.txt"), new FtpTransferOptions { Verify = FtpVerification.None }, cancellationToken: Token);

        Assert.Null(down.HashVerified);
        Assert.Null(down.Hash);
    }
}
