using FtpLite.Client;
using FtpLite.Tests.Client.Peers;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Client.Mirror;

/// <summary>
/// FtpMirror against our server (MFMT: copies keep their source's times) and vsftpd (no MFMT: an upload's copy is as
/// new as the upload, so a same-sized target at least as new as its source counts as up to date).
/// </summary>
public sealed class MirrorAgainstPeerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string> Peers => new("FtpLite", StockPeers.Vsftpd);

    private static async Task<IFtpPeer> StartAsync(string name) =>
        name == "FtpLite" ? FtpLiteServerPeer.Start() : await StockPeers.StartAsync(name, Token);

    private static async Task<(FtpMirrorPlan Plan, IReadOnlyList<FtpMirrorResult> Results)> MirrorAsync(
        FtpClient client, FtpTransferDirection direction, string local, string remote, FtpMirrorOptions? options = null, int sessions = 4,
        Action<FtpMirrorResult>? completed = null, CancellationToken? token = null)
    {
        var mirror = new FtpMirror(client, direction, local, remote, options) { Sessions = sessions };
        var plan = await mirror.PlanAsync(token ?? Token);
        var results = await mirror.RunAsync(plan, completed: completed, cancellationToken: token ?? Token);
        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        return (plan, results);
    }

    private static int Copied(FtpMirrorPlan plan) => plan.Copies + plan.Replaces;

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task TwoThousandFiles_UpThenDown_SameTrees_AndSecondRunsCopyNothing(string name)
    {
        await using var peer = await StartAsync(name);
        using var source = new TempFolder();
        using var back = new TempFolder();
        MirrorTree.Make(source.Path, folders: 100, filesPerFolder: 20);
        using var client = await FtpClient.ConnectAsync(peer.ClientOptions(), Token);

        var (up, _) = await MirrorAsync(client, FtpTransferDirection.Upload, source.Path, "tree", sessions: 8);
        var (down, _) = await MirrorAsync(client, FtpTransferDirection.Download, back.Path, "tree", sessions: 8);
        var (upAgain, _) = await MirrorAsync(client, FtpTransferDirection.Upload, source.Path, "tree");
        var (downAgain, _) = await MirrorAsync(client, FtpTransferDirection.Download, back.Path, "tree");

        Assert.Equal(2100, up.Copies);
        Assert.Equal(2100, down.Copies);
        MirrorTree.AssertSame(source.Path, Path.Combine(peer.Root, "tree"));
        MirrorTree.AssertSame(source.Path, back.Path);
        Assert.Equal(0, Copied(upAgain));
        Assert.Equal(0, Copied(downAgain));
        Assert.Equal(2000, upAgain.Skips);
        if (name == "FtpLite") Assert.Equal(MirrorTree.Yesterday, File.GetLastWriteTimeUtc(Path.Combine(peer.Root, "tree/d042/f007.txt")));
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task OneChangedFile_IsTheOnlyOneCopied_BothWays(string name)
    {
        await using var peer = await StartAsync(name);
        using var source = new TempFolder();
        using var back = new TempFolder();
        MirrorTree.Make(source.Path, folders: 5, filesPerFolder: 10);
        using var client = await FtpClient.ConnectAsync(peer.ClientOptions(), Token);
        await MirrorAsync(client, FtpTransferDirection.Upload, source.Path, "tree");
        await MirrorAsync(client, FtpTransferDirection.Download, back.Path, "tree");

        File.WriteAllText(Path.Combine(source.Path, "d003/f004.txt"), "changed, same length? no: longer than before and then some");
        var (up, upResults) = await MirrorAsync(client, FtpTransferDirection.Upload, source.Path, "tree");
        var (down, downResults) = await MirrorAsync(client, FtpTransferDirection.Download, back.Path, "tree");

        Assert.Equal("d003/f004.txt", Assert.Single(up.Changes).RelativePath);
        Assert.Equal("d003/f004.txt", Assert.Single(downResults).RelativePath);
        Assert.Equal(FtpMirrorActionKind.Replace, Assert.Single(upResults).Kind);
        Assert.Equal(1, down.Replaces);
        MirrorTree.AssertSame(source.Path, back.Path);
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task Delete_RemovesExactlyTheExtraFiles_OnTheServerAndLocally(string name)
    {
        await using var peer = await StartAsync(name);
        using var source = new TempFolder();
        using var back = new TempFolder();
        MirrorTree.Make(source.Path, folders: 4, filesPerFolder: 5);
        using var client = await FtpClient.ConnectAsync(peer.ClientOptions(), Token);
        await MirrorAsync(client, FtpTransferDirection.Upload, source.Path, "tree");
        Directory.CreateDirectory(Path.Combine(peer.Root, "tree/extra"));
        File.WriteAllText(Path.Combine(peer.Root, "tree/extra/x.txt"), "x");
        File.WriteAllText(Path.Combine(peer.Root, "tree/d001/stray.txt"), "stray");
        MirrorTree.Make(back.Path, folders: 1, filesPerFolder: 1);
        File.WriteAllText(Path.Combine(back.Path, "local-only.txt"), "l");
        var options = new FtpMirrorOptions { Delete = true };

        var (up, _) = await MirrorAsync(client, FtpTransferDirection.Upload, source.Path, "tree", options);
        var (down, _) = await MirrorAsync(client, FtpTransferDirection.Download, back.Path, "tree", options);

        Assert.Equal(new[] { "d001/stray.txt", "extra", "extra/x.txt" }, up.Changes.Select(a => a.RelativePath).OrderBy(p => p, StringComparer.Ordinal));
        Assert.Equal(new[] { "local-only.txt" }, down.Changes.Where(a => a.Kind == FtpMirrorActionKind.Delete).Select(a => a.RelativePath));
        MirrorTree.AssertSame(source.Path, Path.Combine(peer.Root, "tree"));
        MirrorTree.AssertSame(source.Path, back.Path);
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task Delete_EmptySource_Refused_NothingOnTheServerChanges(string name)
    {
        await using var peer = await StartAsync(name);
        using var empty = new TempFolder();
        Directory.CreateDirectory(Path.Combine(peer.Root, "tree"));
        File.WriteAllText(Path.Combine(peer.Root, "tree/precious.txt"), "p");
        using var client = await FtpClient.ConnectAsync(peer.ClientOptions(), Token);
        var mirror = new FtpMirror(client, FtpTransferDirection.Upload, empty.Path, "tree", new FtpMirrorOptions { Delete = true, Force = true });

        var error = await Assert.ThrowsAsync<FtpMirrorRefusedException>(() => mirror.PlanAsync(Token));

        Assert.Equal(FtpMirrorRefusal.EmptySource, error.Refusal);
        Assert.True(File.Exists(Path.Combine(peer.Root, "tree/precious.txt")));
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task CancelledHalfway_ThenRerun_Completes_WithoutRecopyingFinishedFiles(string name)
    {
        await using var peer = await StartAsync(name);
        using var source = new TempFolder();
        MirrorTree.Make(source.Path, folders: 10, filesPerFolder: 20);
        using var client = await FtpClient.ConnectAsync(peer.ClientOptions(), Token);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var finished = 0;
        var mirror = new FtpMirror(client, FtpTransferDirection.Upload, source.Path, "tree") { Sessions = 4 };
        var plan = await mirror.PlanAsync(Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => mirror.RunAsync(plan, completed: r =>
        {
            if (!r.Action.IsDirectory && r.Succeeded && Interlocked.Increment(ref finished) == 60) cancel.Cancel();
        }, cancellationToken: cancel.Token));
        // Cancelling may cost the session its control connection (as Ctrl+C would): the rerun is a new one.
        using var again = await FtpClient.ConnectAsync(peer.ClientOptions(), Token);
        var (rerun, _) = await MirrorAsync(again, FtpTransferDirection.Upload, source.Path, "tree");
        var (third, _) = await MirrorAsync(again, FtpTransferDirection.Upload, source.Path, "tree");

        Assert.InRange(finished, 60, 199);
        Assert.InRange(Copied(rerun), 1, 200 - 60);
        Assert.Equal(0, Copied(third));
        MirrorTree.AssertSame(source.Path, Path.Combine(peer.Root, "tree"));
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task DownloadCancelledHalfway_ThenRerun_Completes_LeavingNoPartFiles(string name)
    {
        await using var peer = await StartAsync(name);
        using var source = new TempFolder();
        using var back = new TempFolder();
        MirrorTree.Make(Path.Combine(peer.Root, "tree"), folders: 10, filesPerFolder: 20);
        MirrorTree.Make(source.Path, folders: 10, filesPerFolder: 20);
        using var client = await FtpClient.ConnectAsync(peer.ClientOptions(), Token);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var finished = 0;
        var mirror = new FtpMirror(client, FtpTransferDirection.Download, back.Path, "tree") { Sessions = 4 };
        var plan = await mirror.PlanAsync(Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => mirror.RunAsync(plan, completed: r =>
        {
            if (!r.Action.IsDirectory && r.Succeeded && Interlocked.Increment(ref finished) == 60) cancel.Cancel();
        }, cancellationToken: cancel.Token));
        using var again = await FtpClient.ConnectAsync(peer.ClientOptions(), Token);
        var (rerun, _) = await MirrorAsync(again, FtpTransferDirection.Download, back.Path, "tree");
        var (third, _) = await MirrorAsync(again, FtpTransferDirection.Download, back.Path, "tree");

        Assert.InRange(Copied(rerun), 1, 200 - 60);
        Assert.Equal(0, Copied(third));
        MirrorTree.AssertSame(source.Path, back.Path);
    }

    [Fact]
    public async Task Checksum_FindsTheSameSizeSameTimeEdit_ThatSizeAndTimeMiss()
    {
        await using var peer = FtpLiteServerPeer.Start();
        using var source = new TempFolder();
        MirrorTree.Make(source.Path, folders: 2, filesPerFolder: 3);
        using var client = await FtpClient.ConnectAsync(peer.ClientOptions(), Token);
        await MirrorAsync(client, FtpTransferDirection.Upload, source.Path, "tree");
        // Same length, same time, other bytes: a silent corruption that only a hash sees.
        var edited = Path.Combine(source.Path, "d001/f002.txt");
        var bytes = File.ReadAllBytes(edited);
        bytes[0] ^= 0x20;
        File.WriteAllBytes(edited, bytes);
        File.SetLastWriteTimeUtc(edited, MirrorTree.Yesterday);

        var (byTime, _) = await MirrorAsync(client, FtpTransferDirection.Upload, source.Path, "tree");
        var (byHash, _) = await MirrorAsync(client, FtpTransferDirection.Upload, source.Path, "tree", new FtpMirrorOptions { Checksum = true });

        Assert.Empty(byTime.Changes);
        var replaced = Assert.Single(byHash.Changes);
        Assert.Equal(("d001/f002.txt", FtpMirrorReason.ContentDiffers), (replaced.RelativePath, replaced.Reason));
        MirrorTree.AssertSame(source.Path, Path.Combine(peer.Root, "tree"));
    }

    [Fact]
    public async Task Checksum_AgainstVsftpd_WithoutHash_IsNotSupported_BeforeAnythingChanges()
    {
        await using var peer = await StockPeers.StartAsync(StockPeers.Vsftpd, Token);
        using var source = new TempFolder();
        MirrorTree.Make(source.Path, folders: 1, filesPerFolder: 2);
        using var client = await FtpClient.ConnectAsync(peer.ClientOptions(), Token);
        await MirrorAsync(client, FtpTransferDirection.Upload, source.Path, "tree");
        var mirror = new FtpMirror(client, FtpTransferDirection.Upload, source.Path, "tree", new FtpMirrorOptions { Checksum = true });

        var error = await Assert.ThrowsAsync<FtpException>(() => mirror.PlanAsync(Token));

        Assert.Equal(FtpErrorKind.NotSupported, error.Kind);
        Assert.Contains("HASH", error.Message);
    }
}
