using FtpLite.Client;
using FtpLite.Tests.Client.Tls;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Client.Peers;

/// <summary>
/// The client's story against every stock server, plain and over FTPS, written once: list, put, get (byte-exact),
/// resume both ways, append, rename, delete, nested folders. Remote paths are relative to the login folder (vsftpd
/// runs without chroot, so its folder is not "/"). Files the test puts in a root are opened to everyone: pure-ftpd and
/// ProFTPD serve as nobody.
/// </summary>
// With the other tests that resume TLS sessions under "localhost": .NET keeps one session per name, process-wide.
[Collection(LocalhostTlsSessions.Name)]
public sealed class StockPeerStoryTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string> Peers => StockPeers.All;

    private static async Task<(IFtpPeer Peer, FtpClient Client)> ConnectAsync(string name)
    {
        var peer = await StockPeers.StartAsync(name, Token);
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

    private static byte[] Seed(IFtpPeer peer, string relative, byte[] bytes)
    {
        var path = LocalPath(peer, relative);
        File.WriteAllBytes(path, bytes);
        PeerAccount.OpenFileToEveryone(path);
        return bytes;
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task List_FilesAndFolders_WithTypesSizesAndTheLoginFolderItself(string name)
    {
        var (peer, client) = await ConnectAsync(name);
        await using var _ = peer;
        using var __ = client;
        Seed(peer, "a file.txt", "hello"u8.ToArray());
        Directory.CreateDirectory(LocalPath(peer, "sub dir"));

        var items = await client.ListAsync(cancellationToken: Token);
        var home = await client.GetItemAsync(client.WorkingDirectory, Token);
        var folder = await client.GetItemAsync("sub dir", Token);

        Assert.Equal(new[] { "a file.txt", "sub dir" }, items.Select(i => i.Name).OrderBy(n => n, StringComparer.Ordinal));
        var file = items.Single(i => i.Name == "a file.txt");
        Assert.Equal(FtpItemType.File, file.Type);
        Assert.Equal(5L, file.Length);
        Assert.Equal(RemotePath.Combine(client.WorkingDirectory, "a file.txt"), file.FullName);
        Assert.Equal(FtpItemType.Directory, items.Single(i => i.Name == "sub dir").Type);
        Assert.Equal(FtpItemType.Directory, home?.Type);
        Assert.Equal(client.WorkingDirectory, home!.FullName);
        Assert.Equal(FtpItemType.Directory, folder?.Type);
        Assert.Null(await client.GetItemAsync("nothing here", Token));
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task Put_Then_Get_RoundTripsByteExact(string name)
    {
        var (peer, client) = await ConnectAsync(name);
        await using var _ = peer;
        using var __ = client;
        using var local = new TempFolder();
        var bytes = local.WriteRandomFile("source.bin", 2 * 1024 * 1024 + 17, seed: 1);

        var up = await client.UploadFileAsync(local.Combine("source.bin"), "up.bin", cancellationToken: Token);
        var down = await client.DownloadFileAsync("up.bin", local.Combine("back.bin"), cancellationToken: Token);

        Assert.Equal(bytes, File.ReadAllBytes(LocalPath(peer, "up.bin")));
        Assert.Equal(bytes, File.ReadAllBytes(local.Combine("back.bin")));
        Assert.Equal(bytes.Length, up.Bytes);
        Assert.Equal(bytes.Length, down.Bytes);
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task Put_SeveralSmallFiles_EachThenListed(string name)
    {
        var (peer, client) = await ConnectAsync(name);
        await using var _ = peer;
        using var __ = client;

        // Over FTPS each upload's data connection must leave the client a TLS session the next one can resume.
        var listings = new List<string>();
        foreach (var length in new[] { 0, 1, 1000 })
        {
            await client.UploadAsync(new MemoryStream(RandomBytes(length, length)), $"small-{length}.bin", cancellationToken: Token);
            var listed = (await client.ListAsync(cancellationToken: Token)).Select(i => i.Name).OrderBy(n => n, StringComparer.Ordinal);
            listings.Add(string.Join(",", listed));
        }

        Assert.Equal(new[] { "small-0.bin", "small-0.bin,small-1.bin", "small-0.bin,small-1.bin,small-1000.bin" }, listings);
        Assert.Equal(1000, new FileInfo(LocalPath(peer, "small-1000.bin")).Length);
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task Get_Resume_FetchesOnlyTheMissingTail(string name)
    {
        var (peer, client) = await ConnectAsync(name);
        await using var _ = peer;
        using var __ = client;
        using var local = new TempFolder();
        var bytes = Seed(peer, "r.bin", RandomBytes(1_000_000, 2));
        File.WriteAllBytes(local.Combine("r.bin"), bytes.Take(400_000).ToArray());

        var result = await client.DownloadFileAsync("r.bin", local.Combine("r.bin"), new FtpTransferOptions { Resume = true }, cancellationToken: Token);

        Assert.Equal(400_000, result.ResumedFrom);
        Assert.Equal(600_000, result.Bytes);
        Assert.Equal(bytes, File.ReadAllBytes(local.Combine("r.bin")));
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task Put_Resume_SendsOnlyTheMissingTail(string name)
    {
        var (peer, client) = await ConnectAsync(name);
        await using var _ = peer;
        using var __ = client;
        using var local = new TempFolder();
        var bytes = local.WriteRandomFile("u.bin", 1_000_000, seed: 3);
        Seed(peer, "u.bin", bytes.Take(250_000).ToArray());

        var result = await client.UploadFileAsync(local.Combine("u.bin"), "u.bin", new FtpTransferOptions { Resume = true }, cancellationToken: Token);

        Assert.Equal(250_000, result.ResumedFrom);
        Assert.Equal(750_000, result.Bytes);
        Assert.Equal(bytes, File.ReadAllBytes(LocalPath(peer, "u.bin")));
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task Append_AddsToTheRemoteFile(string name)
    {
        var (peer, client) = await ConnectAsync(name);
        await using var _ = peer;
        using var __ = client;
        Seed(peer, "log.txt", "one,"u8.ToArray());

        await client.AppendAsync(new MemoryStream("two"u8.ToArray()), "log.txt", cancellationToken: Token);

        Assert.Equal("one,two", File.ReadAllText(LocalPath(peer, "log.txt")));
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task Rename_Then_Delete_ChangeTheServerFolder(string name)
    {
        var (peer, client) = await ConnectAsync(name);
        await using var _ = peer;
        using var __ = client;
        Seed(peer, "old name.txt", "x"u8.ToArray());
        Directory.CreateDirectory(LocalPath(peer, "into"));
        PeerAccount.OpenToEveryone(LocalPath(peer, "into"));

        await client.RenameAsync("old name.txt", "into/new name.txt", Token);
        var moved = File.Exists(LocalPath(peer, "into/new name.txt"));
        var leftBehind = File.Exists(LocalPath(peer, "old name.txt"));
        await client.DeleteFileAsync("into/new name.txt", Token);
        await client.DeleteDirectoryAsync("into", Token);

        Assert.True(moved);
        Assert.False(leftBehind);
        Assert.False(Directory.Exists(LocalPath(peer, "into")));
        Assert.Empty(await client.ListAsync(cancellationToken: Token));
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task MakeDirectory_Nested_EachMissingLevelCreated(string name)
    {
        var (peer, client) = await ConnectAsync(name);
        await using var _ = peer;
        using var __ = client;
        Directory.CreateDirectory(LocalPath(peer, "a"));
        PeerAccount.OpenToEveryone(LocalPath(peer, "a"));

        // mkdir -p as the cmdlets do it: each level looked up, the missing ones made.
        var made = new List<string>();
        var path = client.WorkingDirectory;
        foreach (var segment in new[] { "a", "b c", "d" })
        {
            path = RemotePath.Combine(path, segment);
            if (await client.GetItemAsync(path, Token) is not null) continue;
            made.Add(await client.CreateDirectoryAsync(path, Token));
        }
        var deepest = await client.GetItemAsync("a/b c/d", Token);

        Assert.Equal(new[] { RemotePath.Combine(client.WorkingDirectory, "a/b c"), RemotePath.Combine(client.WorkingDirectory, "a/b c/d") }, made);
        Assert.True(Directory.Exists(LocalPath(peer, "a/b c/d")));
        Assert.Equal(FtpItemType.Directory, deepest?.Type);
    }
}
