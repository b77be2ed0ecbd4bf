using FtpLite.Client;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Client.Peers;

/// <summary>
/// The client's user stories against a real server. Each subclass names a peer; every test starts a fresh one.
/// Remote paths are relative to the login directory, since not every peer shows its folder as "/".
/// </summary>
public abstract class ClientAgainstPeerTests
{
    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    protected abstract Task<IFtpPeer> StartPeerAsync();

    private async Task<(IFtpPeer Peer, FtpClient Client)> ConnectAsync()
    {
        var peer = await StartPeerAsync();
        try
        {
            return (peer, await FtpClient.ConnectAsync(peer.ClientOptions(), Token));
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }
    }

    private static string LocalPath(IFtpPeer peer, string relative) => Path.Combine(peer.Root, relative);

    [Fact]
    public async Task Connect_Anonymous_NegotiatesFeaturesAndDisconnectsCleanly()
    {
        var (peer, client) = await ConnectAsync();
        await using var _ = peer;

        Assert.True(client.IsConnected);
        Assert.True(client.Features.Epsv);
        Assert.True(client.Features.Size);
        Assert.StartsWith("/", client.WorkingDirectory);
        await client.DisconnectAsync(Token);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task List_FilesDirectoriesAndSpaces_ParsedWithSizes()
    {
        var (peer, client) = await ConnectAsync();
        await using var _ = peer;
        using var __ = client;
        File.WriteAllText(LocalPath(peer, "a file.txt"), "hello");
        Directory.CreateDirectory(LocalPath(peer, "sub dir"));

        var items = await client.ListAsync(cancellationToken: Token);

        var file = Assert.Single(items, i => i.Name == "a file.txt");
        Assert.Equal(FtpItemType.File, file.Type);
        Assert.Equal(5L, file.Length);
        Assert.Equal(RemotePath.Combine(client.WorkingDirectory, "a file.txt"), file.FullName);
        Assert.NotNull(file.LastWriteTime);
        Assert.InRange(file.LastWriteTime!.Value, DateTime.UtcNow.AddDays(-2), DateTime.UtcNow.AddDays(2));
        var directory = Assert.Single(items, i => i.Name == "sub dir");
        Assert.Equal(FtpItemType.Directory, directory.Type);
        Assert.Equal(2, items.Count);
    }

    [Fact]
    public async Task List_SubdirectoryByRelativePath_FullNamesUnderIt()
    {
        var (peer, client) = await ConnectAsync();
        await using var _ = peer;
        using var __ = client;
        Directory.CreateDirectory(LocalPath(peer, "d"));
        File.WriteAllText(LocalPath(peer, "d/inner.txt"), "x");

        var items = await client.ListAsync("d", Token);

        var item = Assert.Single(items);
        Assert.Equal(RemotePath.Combine(client.WorkingDirectory, "d/inner.txt"), item.FullName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3 * 1024 * 1024 + 17)]
    public async Task Download_ToStream_ByteExact(int length)
    {
        var (peer, client) = await ConnectAsync();
        await using var _ = peer;
        using var __ = client;
        var bytes = RandomBytes(length, seed: length);
        File.WriteAllBytes(LocalPath(peer, "data.bin"), bytes);
        var received = new MemoryStream();

        var count = await client.DownloadAsync("data.bin", received, cancellationToken: Token);

        Assert.Equal(length, count);
        Assert.Equal(bytes, received.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3 * 1024 * 1024 + 17)]
    public async Task UploadFile_Then_DownloadFile_RoundTripsByteExact(int length)
    {
        var (peer, client) = await ConnectAsync();
        await using var _ = peer;
        using var __ = client;
        using var local = new TempFolder();
        var bytes = local.WriteRandomFile("source.bin", length, seed: length);

        var up = await client.UploadFileAsync(local.Combine("source.bin"), "up.bin", cancellationToken: Token);
        var down = await client.DownloadFileAsync("up.bin", local.Combine("back.bin"), cancellationToken: Token);

        Assert.Equal(bytes, File.ReadAllBytes(LocalPath(peer, "up.bin")));
        Assert.Equal(bytes, File.ReadAllBytes(local.Combine("back.bin")));
        Assert.Equal(length, up.Bytes);
        Assert.Equal(length, down.Bytes);
        Assert.Equal(FtpTransferDirection.Download, down.Direction);
        Assert.Equal(RemotePath.Combine(client.WorkingDirectory, "up.bin"), down.RemotePath);
        Assert.Empty(Directory.GetFiles(local.Path, "*.ftplite-part"));
    }

    [Fact]
    public async Task DownloadFile_Progress_ReportsFinalCountAndTotal()
    {
        var (peer, client) = await ConnectAsync();
        await using var _ = peer;
        using var __ = client;
        using var local = new TempFolder();
        File.WriteAllBytes(LocalPath(peer, "p.bin"), RandomBytes(2 * 1024 * 1024, 5));
        var progress = new SyncProgress();

        await client.DownloadFileAsync("p.bin", local.Combine("p.bin"), progress: progress, cancellationToken: Token);

        var last = progress.Reports.Last();
        Assert.Equal(2 * 1024 * 1024, last.BytesTransferred);
        Assert.Equal(2 * 1024 * 1024, last.TotalBytes);
        Assert.Equal(100.0, last.PercentComplete);
    }

    [Fact]
    public async Task DownloadFile_ExistingTargetWithoutOverwrite_AlreadyExistsAndUntouched()
    {
        var (peer, client) = await ConnectAsync();
        await using var _ = peer;
        using var __ = client;
        using var local = new TempFolder();
        File.WriteAllText(LocalPath(peer, "f.txt"), "remote");
        File.WriteAllText(local.Combine("f.txt"), "local");

        var e = await Assert.ThrowsAsync<FtpException>(() => client.DownloadFileAsync("f.txt", local.Combine("f.txt"), cancellationToken: Token));

        Assert.Equal(FtpErrorKind.AlreadyExists, e.Kind);
        Assert.Equal("local", File.ReadAllText(local.Combine("f.txt")));
        var replaced = await client.DownloadFileAsync("f.txt", local.Combine("f.txt"), new FtpTransferOptions { Overwrite = true }, cancellationToken: Token);
        Assert.Equal("remote", File.ReadAllText(local.Combine("f.txt")));
        Assert.Equal(6, replaced.Length);
    }

    [Fact]
    public async Task DownloadFile_Resume_ExtendsPartialLocalFile()
    {
        var (peer, client) = await ConnectAsync();
        await using var _ = peer;
        using var __ = client;
        using var local = new TempFolder();
        var bytes = RandomBytes(1_000_000, 7);
        File.WriteAllBytes(LocalPath(peer, "r.bin"), bytes);
        File.WriteAllBytes(local.Combine("r.bin"), bytes.Take(400_000).ToArray());

        var result = await client.DownloadFileAsync("r.bin", local.Combine("r.bin"), new FtpTransferOptions { Resume = true }, cancellationToken: Token);

        Assert.Equal(400_000, result.ResumedFrom);
        Assert.Equal(600_000, result.Bytes);
        Assert.Equal(1_000_000, result.Length);
        Assert.Equal(bytes, File.ReadAllBytes(local.Combine("r.bin")));
    }

    [Fact]
    public async Task DownloadFile_ResumeWhenComplete_MovesNothing()
    {
        var (peer, client) = await ConnectAsync();
        await using var _ = peer;
        using var __ = client;
        using var local = new TempFolder();
        var bytes = RandomBytes(1000, 8);
        File.WriteAllBytes(LocalPath(peer, "c.bin"), bytes);
        File.WriteAllBytes(local.Combine("c.bin"), bytes);

        var result = await client.DownloadFileAsync("c.bin", local.Combine("c.bin"), new FtpTransferOptions { Resume = true }, cancellationToken: Token);

        Assert.Equal(0, result.Bytes);
        Assert.Equal(1000, result.Length);
    }

    [Fact]
    public async Task UploadFile_Resume_SendsOnlyTheMissingTail()
    {
        var (peer, client) = await ConnectAsync();
        await using var _ = peer;
        using var __ = client;
        using var local = new TempFolder();
        var bytes = local.WriteRandomFile("u.bin", 1_000_000, seed: 9);
        File.WriteAllBytes(LocalPath(peer, "u.bin"), bytes.Take(250_000).ToArray());
        PeerAccount.OpenFileToEveryone(LocalPath(peer, "u.bin")); // pure-ftpd and ProFTPD write as nobody

        var result = await client.UploadFileAsync(local.Combine("u.bin"), "u.bin", new FtpTransferOptions { Resume = true }, cancellationToken: Token);

        Assert.Equal(250_000, result.ResumedFrom);
        Assert.Equal(750_000, result.Bytes);
        Assert.Equal(bytes, File.ReadAllBytes(LocalPath(peer, "u.bin")));
    }

    [Fact]
    public async Task Append_AddsToRemoteFile()
    {
        var (peer, client) = await ConnectAsync();
        await using var _ = peer;
        using var __ = client;
        File.WriteAllText(LocalPath(peer, "log.txt"), "one,");
        PeerAccount.OpenFileToEveryone(LocalPath(peer, "log.txt"));

        await client.AppendAsync(new MemoryStream("two"u8.ToArray()), "log.txt", cancellationToken: Token);

        Assert.Equal("one,two", File.ReadAllText(LocalPath(peer, "log.txt")));
    }

    [Fact]
    public async Task UploadFile_ExistingRemoteWithoutOverwrite_AlreadyExists()
    {
        var (peer, client) = await ConnectAsync();
        await using var _ = peer;
        using var __ = client;
        using var local = new TempFolder();
        local.WriteRandomFile("x.bin", 10);
        File.WriteAllText(LocalPath(peer, "x.bin"), "keep");

        var e = await Assert.ThrowsAsync<FtpException>(() => client.UploadFileAsync(local.Combine("x.bin"), "x.bin", cancellationToken: Token));

        Assert.Equal(FtpErrorKind.AlreadyExists, e.Kind);
        Assert.Equal("keep", File.ReadAllText(LocalPath(peer, "x.bin")));
    }

    [Fact]
    public async Task MakeDirectory_Rename_Delete_ChangeTheServerFolder()
    {
        var (peer, client) = await ConnectAsync();
        await using var _ = peer;
        using var __ = client;
        File.WriteAllText(LocalPath(peer, "old name.txt"), "x");

        await client.CreateDirectoryAsync("new dir", Token);
        Assert.True(Directory.Exists(LocalPath(peer, "new dir")));
        await client.RenameAsync("old name.txt", "new dir/moved.txt", Token);
        Assert.True(File.Exists(LocalPath(peer, "new dir/moved.txt")));
        Assert.False(File.Exists(LocalPath(peer, "old name.txt")));
        await client.DeleteFileAsync("new dir/moved.txt", Token);
        Assert.False(File.Exists(LocalPath(peer, "new dir/moved.txt")));
        await client.DeleteDirectoryAsync("new dir", Token);
        Assert.False(Directory.Exists(LocalPath(peer, "new dir")));
    }

    [Fact]
    public async Task ChangeDirectory_ThenRelativeCommands_WorkInside()
    {
        var (peer, client) = await ConnectAsync();
        await using var _ = peer;
        using var __ = client;
        Directory.CreateDirectory(LocalPath(peer, "inside"));
        File.WriteAllText(LocalPath(peer, "inside/f.txt"), "abc");
        var home = client.WorkingDirectory;

        var now = await client.ChangeDirectoryAsync("inside", Token).ContinueWith(_ => client.WorkingDirectory, Token);

        Assert.Equal(RemotePath.Combine(home, "inside"), now);
        Assert.Equal(3, await client.GetSizeAsync("f.txt", Token));
        Assert.Equal(now, await client.GetWorkingDirectoryAsync(Token));
    }

    [Fact]
    public async Task SizeAndModifiedTime_MatchTheLocalFile()
    {
        var (peer, client) = await ConnectAsync();
        await using var _ = peer;
        using var __ = client;
        var path = LocalPath(peer, "s.bin");
        File.WriteAllBytes(path, new byte[1234]);
        var written = new DateTime(2021, 6, 7, 8, 9, 10, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, written);

        Assert.Equal(1234, await client.GetSizeAsync("s.bin", Token));
        Assert.Equal(written, await client.GetModifiedTimeAsync("s.bin", Token));
    }

    [Fact]
    public async Task GetItem_FileDirectoryAndMissing()
    {
        var (peer, client) = await ConnectAsync();
        await using var _ = peer;
        using var __ = client;
        File.WriteAllText(LocalPath(peer, "item file.txt"), "12345");
        Directory.CreateDirectory(LocalPath(peer, "item dir"));

        var file = await client.GetItemAsync("item file.txt", Token);
        var directory = await client.GetItemAsync("item dir", Token);
        var missing = await client.GetItemAsync("nothing here", Token);

        Assert.NotNull(file);
        Assert.Equal(FtpItemType.File, file!.Type);
        Assert.Equal(5L, file.Length);
        Assert.Equal("item file.txt", file.Name);
        Assert.Equal(RemotePath.Combine(client.WorkingDirectory, "item file.txt"), file.FullName);
        Assert.Equal(FtpItemType.Directory, directory!.Type);
        Assert.Null(missing);
    }

    [Fact]
    public async Task MissingFile_NotFoundKind_AndConnectionStaysUsable()
    {
        var (peer, client) = await ConnectAsync();
        await using var _ = peer;
        using var __ = client;
        using var local = new TempFolder();

        var download = await Assert.ThrowsAsync<FtpException>(() => client.DownloadAsync("missing.bin", new MemoryStream(), cancellationToken: Token));
        var size = await Assert.ThrowsAsync<FtpException>(() => client.GetSizeAsync("missing.bin", Token));
        var file = await Assert.ThrowsAsync<FtpException>(() => client.DownloadFileAsync("missing.bin", local.Combine("m.bin"), cancellationToken: Token));

        Assert.Equal(FtpErrorKind.NotFound, download.Kind);
        Assert.Equal(FtpErrorKind.NotFound, size.Kind);
        Assert.Equal(FtpErrorKind.NotFound, file.Kind);
        Assert.False(download.IsTransient);
        Assert.Empty(Directory.GetFileSystemEntries(local.Path)); // A download that never started leaves not even an empty part.
        Assert.True(client.IsConnected);
        Assert.Empty(await client.ListAsync(cancellationToken: Token));
    }

    [Fact]
    public async Task DownloadFile_CancelledMidTransfer_OnlyTheVisiblePartLeftAndConnectionUsable()
    {
        var (peer, client) = await ConnectAsync();
        await using var _ = peer;
        using var __ = client;
        using var local = new TempFolder();
        File.WriteAllBytes(LocalPath(peer, "big.bin"), RandomBytes(48 * 1024 * 1024, 11));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var progress = new SyncProgress(_ => cancel.Cancel());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.DownloadFileAsync("big.bin", local.Combine("big.bin"), progress: progress, cancellationToken: cancel.Token));

        // No target, and no hidden leftover: only the part a resume continues.
        Assert.Equal(new[] { local.Combine("big.bin.ftplite-part") }, Directory.GetFileSystemEntries(local.Path));
        Assert.True(client.IsConnected);
        Assert.Contains(await client.ListAsync(cancellationToken: Token), i => i.Name == "big.bin");
    }

    [Fact]
    public async Task Upload_CancelledMidTransfer_OperationCanceledAndConnectionUsable()
    {
        var (peer, client) = await ConnectAsync();
        await using var _ = peer;
        using var __ = client;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var progress = new SyncProgress(_ => cancel.Cancel());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.UploadAsync(new MemoryStream(RandomBytes(48 * 1024 * 1024, 12)), "cancelled.bin", progress: progress, cancellationToken: cancel.Token));

        Assert.True(client.IsConnected);
        Assert.Equal(client.WorkingDirectory, await client.GetWorkingDirectoryAsync(Token));
    }

    [Fact]
    public async Task Execute_RawCommand_ReturnsReplyWithoutThrowing()
    {
        var (peer, client) = await ConnectAsync();
        await using var _ = peer;
        using var __ = client;

        var noop = await client.ExecuteAsync("NOOP", Token);
        var bogus = await client.ExecuteAsync("XYZZY", Token);

        Assert.Equal(200, noop.Code);
        Assert.True(bogus.IsPermanentFailure);
    }

    [Fact]
    public async Task Download_AfterRawTypeA_StillBinary()
    {
        var (peer, client) = await ConnectAsync();
        await using var _ = peer;
        using var __ = client;
        var bytes = new byte[] { (byte)'a', (byte)'\n', (byte)'b', (byte)'\r', (byte)'\n', 0, 255 };
        File.WriteAllBytes(LocalPath(peer, "lines.bin"), bytes);
        var received = new MemoryStream();

        var type = await client.ExecuteAsync("TYPE A", Token);
        await client.DownloadAsync("lines.bin", received, cancellationToken: Token);

        Assert.Equal(200, type.Code);
        Assert.Equal(bytes, received.ToArray());
    }

    [Fact]
    public async Task PassiveOnly_TransfersWork()
    {
        var peer = await StartPeerAsync();
        await using var _ = peer;
        var options = peer.ClientOptions();
        options.DataMode = FtpDataMode.Passive;
        using var client = await FtpClient.ConnectAsync(options, Token);
        File.WriteAllBytes(LocalPath(peer, "pasv.bin"), RandomBytes(100_000, 13));
        var received = new MemoryStream();

        await client.DownloadAsync("pasv.bin", received, cancellationToken: Token);

        Assert.Equal(100_000, received.Length);
    }

    protected static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
