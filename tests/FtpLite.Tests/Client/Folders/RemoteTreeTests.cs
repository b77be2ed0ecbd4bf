using FtpLite.Client;
using FtpLite.Tests.Client.Fakes;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Client.Folders;

/// <summary>FtpClient.WalkAsync, WalkFoldersAsync and CreateDirectoryAsync(recursive) against our own server.</summary>
public class RemoteTreeTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<FtpClient> ConnectAsync(TestServer server) => FtpClient.ConnectAsync(new FtpClientOptions("127.0.0.1", server.Port), Token);

    /// <summary>A server whose "top" holds b.txt, a/z.bin, a/deep/x.txt and an empty folder.</summary>
    private static TestServer StartWithTree()
    {
        var server = TestServer.Start();
        server.RootFolder.WriteRandomFile("top/b.txt", 10);
        server.RootFolder.WriteRandomFile("top/a/z.bin", 3000);
        server.RootFolder.WriteRandomFile("top/a/deep/x.txt", 7);
        Directory.CreateDirectory(server.PathOf("top/empty"));
        return server;
    }

    [Fact]
    public async Task Walk_RemoteTree_SameEntriesAsTheLocalWalkOfTheServedFolder()
    {
        await using var server = StartWithTree();
        using var client = await ConnectAsync(server);

        var remote = await client.WalkAsync("/top", cancellationToken: Token);
        var local = LocalTree.Walk(server.PathOf("top")).ToList();

        Assert.Equal(new[] { "b.txt", "a", "a/z.bin", "a/deep", "a/deep/x.txt", "empty" }, remote.Select(e => e.RelativePath));
        Assert.Equal(local.Select(e => (e.RelativePath, e.IsDirectory, e.Length)), remote.Select(e => (e.RelativePath, e.IsDirectory, e.Length)));
        Assert.Equal(File.GetLastWriteTimeUtc(server.PathOf("top/b.txt")), remote[0].LastWriteTimeUtc, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Walk_DeeperThanTheBound_ThrowsTreeException_OrReportsAndGoesOn()
    {
        await using var server = TestServer.Start();
        Directory.CreateDirectory(server.PathOf("1/2/3/4"));
        File.WriteAllText(server.PathOf("1/f.txt"), "f");
        using var client = await ConnectAsync(server);

        var e = await Assert.ThrowsAsync<FtpTreeException>(() => client.WalkAsync("/", 2, Token));
        var reported = new List<FtpTreeException>();
        var entries = await client.WalkAsync("/", 2, reported.Add, Token);

        Assert.True(e.TooDeep);
        Assert.Equal("1/2/3", e.RelativePath);
        Assert.Equal(new[] { "1", "1/f.txt", "1/2" }, entries.Select(x => x.RelativePath));
        Assert.Equal("1/2/3", Assert.Single(reported).RelativePath);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task Walk_LinkLoopOnTheServer_IsALink_LeftOut_NotWalked()
    {
        await using var server = TestServer.Start();
        server.RootFolder.WriteRandomFile("d/f.txt", 3);
        Directory.CreateSymbolicLink(server.PathOf("d/loop"), server.PathOf("d"));
        using var client = await ConnectAsync(server);
        var reported = new List<FtpTreeException>();

        var entries = await client.WalkAsync("/d", 5, reported.Add, Token);

        // Our server lists a link to a folder as a link (type=OS.unix=slink), which a walk leaves out.
        Assert.Equal("f.txt", Assert.Single(entries).RelativePath);
        Assert.Empty(reported);
    }

    [Fact]
    public async Task Walk_ListShowsSymbolicLinks_TheyAreLeftOut_NotFollowed()
    {
        // A server that lists with LIST only (no MLSD), where links show as "l" lines with their targets.
        await using var server = new ScriptedFtpServer
        {
            Listing = "-rw-r--r-- 1 u g 5 Jan 01 2026 a.txt\r\n" +
                      "lrwxrwxrwx 1 u g 1 Jan 01 2026 up -> /\r\n" +
                      "lrwxrwxrwx 1 u g 5 Jan 01 2026 b.txt -> a.txt\r\n",
        };
        using var client = await FtpClient.ConnectAsync(new FtpClientOptions("127.0.0.1", server.Port), Token);

        var entries = await client.WalkAsync("/", cancellationToken: Token);

        Assert.Equal(("a.txt", false, 5L), Assert.Single(entries) is var e ? (e.RelativePath, e.IsDirectory, e.Length) : default);
        Assert.Equal(1, server.Count("LIST"));
    }

    [Fact]
    public async Task WalkFolders_OneCallPerFolder_InWalkOrder_EveryItemByName()
    {
        await using var server = StartWithTree();
        using var client = await ConnectAsync(server);
        var folders = new List<FtpTreeFolder>();

        await client.WalkFoldersAsync("/top", 64, folders.Add, onError: null, Token);

        Assert.Equal(new[] { ("/top", "", 0), ("/top/a", "a", 1), ("/top/a/deep", "a/deep", 2), ("/top/empty", "empty", 1) },
            folders.Select(f => (f.FullName, f.RelativePath, f.Depth)));
        Assert.Equal(new[] { "a", "b.txt", "empty" }, folders[0].Items.Select(i => i.Name));
        Assert.Equal(new[] { "deep", "z.bin" }, folders[1].Items.Select(i => i.Name));
        Assert.Equal("/top/a/z.bin", folders[1].Items[1].FullName);
        Assert.Equal(3000L, folders[1].Items[1].Length);
        Assert.Empty(folders[3].Items);
    }

    [Fact]
    public async Task WalkFolders_EachFolderIsHandedOver_BeforeTheNextIsListed()
    {
        await using var server = TestServer.Start();
        server.RootFolder.WriteRandomFile("top/a/first.txt", 1);
        using var client = await ConnectAsync(server);
        var seen = new List<string>();

        // Streaming: a file made while the root's folder is being handled is in the listing of "a" that follows.
        await client.WalkFoldersAsync("/top", 64, folder =>
        {
            if (folder.Depth == 0) File.WriteAllText(server.PathOf("top/a/later.txt"), "l");
            seen.AddRange(folder.Items.Select(i => i.FullName));
        }, onError: null, Token);

        Assert.Equal(new[] { "/top/a", "/top/a/first.txt", "/top/a/later.txt" }, seen);
    }

    [Fact]
    public async Task WalkFolders_TooDeep_ReportedAndTheRestGoesOn_TheFolderStillListedInItsParent()
    {
        await using var server = TestServer.Start();
        Directory.CreateDirectory(server.PathOf("1/2/3/4"));
        File.WriteAllText(server.PathOf("1/f.txt"), "f");
        Directory.CreateDirectory(server.PathOf("z"));
        using var client = await ConnectAsync(server);
        var folders = new List<FtpTreeFolder>();
        var reported = new List<FtpTreeException>();

        await client.WalkFoldersAsync("/", 2, folders.Add, reported.Add, Token);
        var thrown = await Assert.ThrowsAsync<FtpTreeException>(() => client.WalkFoldersAsync("/", 2, _ => { }, onError: null, Token));

        Assert.Equal(new[] { "", "1", "1/2", "z" }, folders.Select(f => f.RelativePath));
        Assert.Equal(new[] { "3" }, folders[2].Items.Select(i => i.Name));
        Assert.True(Assert.Single(reported).TooDeep);
        Assert.Equal("1/2/3", reported[0].RelativePath);
        Assert.Equal("1/2/3", thrown.RelativePath);
    }

    [Fact]
    public async Task WalkFolders_ListShowsSymbolicLinks_TheyAreItems_NotFollowed()
    {
        await using var server = new ScriptedFtpServer
        {
            Listing = "-rw-r--r-- 1 u g 5 Jan 01 2026 a.txt\r\n" +
                      "lrwxrwxrwx 1 u g 1 Jan 01 2026 up -> /\r\n",
        };
        using var client = await FtpClient.ConnectAsync(new FtpClientOptions("127.0.0.1", server.Port), Token);
        var folders = new List<FtpTreeFolder>();

        await client.WalkFoldersAsync("/", 64, folders.Add, onError: null, Token);

        var root = Assert.Single(folders);
        Assert.Equal(new[] { ("a.txt", FtpItemType.File), ("up", FtpItemType.Link) }, root.Items.Select(i => (i.Name, i.Type)));
        Assert.Equal(1, server.Count("LIST"));
    }

    [Fact]
    public async Task Walk_MissingRootOrAFile_NotFound()
    {
        await using var server = TestServer.Start();
        File.WriteAllText(server.PathOf("f.txt"), "f");
        using var client = await ConnectAsync(server);

        var missing = await Assert.ThrowsAsync<FtpException>(() => client.WalkAsync("/nope", cancellationToken: Token));
        var file = await Assert.ThrowsAsync<FtpException>(() => client.WalkAsync("/f.txt", cancellationToken: Token));

        Assert.Equal(FtpErrorKind.NotFound, missing.Kind);
        Assert.Equal(FtpErrorKind.NotFound, file.Kind);
    }

    [Fact]
    public async Task CreateDirectory_Recursive_MakesEveryMissingParent_AndAgainIsFine()
    {
        await using var server = TestServer.Start();
        Directory.CreateDirectory(server.PathOf("a"));
        using var client = await ConnectAsync(server);

        var made = await client.CreateDirectoryAsync("/a/b/c/d", recursive: true, Token);
        await client.CreateDirectoryAsync("a/b/c/d", recursive: true, Token);

        Assert.Equal("/a/b/c/d", made);
        Assert.True(Directory.Exists(server.PathOf("a/b/c/d")));
    }

    [Fact]
    public async Task CreateDirectory_Recursive_FileInTheWay_AlreadyExists()
    {
        await using var server = TestServer.Start();
        Directory.CreateDirectory(server.PathOf("a"));
        File.WriteAllText(server.PathOf("a/b"), "a file");
        using var client = await ConnectAsync(server);

        var e = await Assert.ThrowsAsync<FtpException>(() => client.CreateDirectoryAsync("/a/b/c", recursive: true, Token));

        Assert.Equal(FtpErrorKind.AlreadyExists, e.Kind);
        Assert.False(Directory.Exists(server.PathOf("a/b/c")));
        Assert.Equal("a file", File.ReadAllText(server.PathOf("a/b")));
    }

    [Fact]
    public async Task CreateDirectory_NotRecursive_MissingParent_Fails()
    {
        await using var server = TestServer.Start();
        using var client = await ConnectAsync(server);

        await Assert.ThrowsAsync<FtpException>(() => client.CreateDirectoryAsync("/x/y", recursive: false, Token));

        Assert.False(Directory.Exists(server.PathOf("x")));
    }
}
