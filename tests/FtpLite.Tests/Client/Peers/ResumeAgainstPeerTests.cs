using FtpLite.Client;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Client.Peers;

/// <summary>
/// Interrupted transfers and their resumption against a real server. A transfer is interrupted by cancelling it at its
/// first progress report: by then one buffer has moved, and the next read sees the cancellation (no timing involved).
/// </summary>
public abstract class ResumeAgainstPeerTests
{
    private const int Length = 8 * 1024 * 1024 + 13;

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    protected abstract Task<IFtpPeer> StartPeerAsync();

    /// <summary>Whether the peer surely keeps something of an interrupted STOR (vsftpd, under the target's name).</summary>
    protected abstract bool KeepsInterruptedUploads { get; }

    [Fact]
    public async Task DownloadFile_CancelledMidway_KeepsAVisiblePart_ThenResumeFinishesByteExact()
    {
        await using var peer = await StartPeerAsync();
        using var local = new TempFolder();
        var bytes = RandomFile(Path.Combine(peer.Root, "big.bin"), seed: 31);
        var target = local.Combine("big.bin");

        await InterruptAsync(client => client.DownloadFileAsync("big.bin", target, null, progress: Canceller(out var token), token), peer);

        Assert.False(File.Exists(target));
        var part = Assert.Single(Directory.GetFiles(local.Path));
        Assert.Equal(target + ".ftplite-part", part);
        var kept = File.ReadAllBytes(part);
        Assert.InRange(kept.Length, 1, Length - 1);
        Assert.Equal(bytes.AsSpan(0, kept.Length).ToArray(), kept);

        using var client = await FtpClient.ConnectAsync(peer.ClientOptions(), Token);
        var result = await client.DownloadFileAsync("big.bin", target, new FtpTransferOptions { Resume = true }, cancellationToken: Token);

        Assert.Equal(bytes, File.ReadAllBytes(target));
        Assert.Equal(kept.Length, result.ResumedFrom);
        Assert.Equal(Length - kept.Length, result.Bytes);
        Assert.NotEqual(FtpVerification.None, result.Verification);
        Assert.Equal(new[] { target }, Directory.GetFiles(local.Path)); // The part became the file; nothing is left behind.
    }

    [Fact]
    public async Task DownloadFile_WithoutResume_StartsAgainFromZero_AndReplacesThePart()
    {
        await using var peer = await StartPeerAsync();
        using var local = new TempFolder();
        var bytes = RandomFile(Path.Combine(peer.Root, "big.bin"), seed: 32);
        var target = local.Combine("big.bin");
        File.WriteAllBytes(target + ".ftplite-part", new byte[1000]); // Wrong bytes: only -Resume may trust a part.

        using var client = await FtpClient.ConnectAsync(peer.ClientOptions(), Token);
        var result = await client.DownloadFileAsync("big.bin", target, cancellationToken: Token);

        Assert.Equal(0, result.ResumedFrom);
        Assert.Equal(bytes, File.ReadAllBytes(target));
        Assert.Equal(new[] { target }, Directory.GetFiles(local.Path));
    }

    [Fact]
    public async Task DownloadFile_Resume_PicksUpAHiddenPartOfAnEarlierVersion_AndLeavesNothingBehind()
    {
        await using var peer = await StartPeerAsync();
        using var local = new TempFolder();
        var bytes = RandomFile(Path.Combine(peer.Root, "big.bin"), seed: 33);
        var target = local.Combine("big.bin");
        // Earlier versions downloaded into ".big.bin.<id>.ftplite-part" and could leave one behind.
        File.WriteAllBytes(local.Combine(".big.bin.1a2b3c4d.ftplite-part"), bytes.AsSpan(0, 500_000).ToArray());

        using var client = await FtpClient.ConnectAsync(peer.ClientOptions(), Token);
        var result = await client.DownloadFileAsync("big.bin", target, new FtpTransferOptions { Resume = true }, cancellationToken: Token);

        Assert.Equal(500_000, result.ResumedFrom);
        Assert.Equal(bytes, File.ReadAllBytes(target));
        Assert.Equal(new[] { target }, Directory.GetFiles(local.Path));
    }

    [Fact]
    public async Task UploadFile_CancelledMidway_ThenResume_FinishesByteExact()
    {
        await using var peer = await StartPeerAsync();
        using var local = new TempFolder();
        var bytes = local.WriteRandomFile("big.bin", Length, seed: 34);
        var remote = Path.Combine(peer.Root, "big.bin");

        await InterruptAsync(client => client.UploadFileAsync(local.Combine("big.bin"), "big.bin", null, progress: Canceller(out var token), token), peer);

        using var client = await FtpClient.ConnectAsync(peer.ClientOptions(), Token);
        // What the server has of the interrupted upload, asked as a resuming client asks (SIZE): vsftpd keeps it under
        // the target's name; our server keeps it hidden, as this user's pending upload, and tells only this user.
        var kept = await KeptLengthAsync(client, "big.bin");
        Assert.InRange(kept, KeepsInterruptedUploads ? 1 : 0, Length - 1);
        var result = await client.UploadFileAsync(local.Combine("big.bin"), "big.bin", new FtpTransferOptions { Resume = true }, cancellationToken: Token);

        Assert.Equal(bytes, File.ReadAllBytes(remote));
        Assert.Equal(kept, result.ResumedFrom);
        Assert.Equal(Length - kept, result.Bytes);
        Assert.NotEqual(FtpVerification.None, result.Verification);
    }

    private static async Task<long> KeptLengthAsync(FtpClient client, string path)
    {
        try
        {
            return await client.GetSizeAsync(path, Token);
        }
        catch (FtpException e) when (e.Kind == FtpErrorKind.NotFound)
        {
            return 0;
        }
    }

    private static async Task InterruptAsync(Func<FtpClient, Task> transfer, IFtpPeer peer)
    {
        using var client = await FtpClient.ConnectAsync(peer.ClientOptions(), Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => transfer(client));
    }

    /// <summary>Progress that cancels its token at the first report with bytes moved.</summary>
    private static SyncProgress Canceller(out CancellationToken token)
    {
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        token = cancel.Token;
        return new SyncProgress(p =>
        {
            if (p.BytesTransferred > 0) cancel.Cancel();
        });
    }

    private static byte[] RandomFile(string path, int seed)
    {
        var bytes = new byte[Length];
        new Random(seed).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        return bytes;
    }
}
