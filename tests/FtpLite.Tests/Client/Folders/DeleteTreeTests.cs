using FtpLite.Client;
using FtpLite.Storage;
using FtpLite.Tests.Client.Fakes;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Client.Folders;

/// <summary>FtpClient.DeleteTreeAsync (rm -r) against our own server and a scripted one.</summary>
public class DeleteTreeTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<FtpClient> ConnectAsync(TestServer server) => FtpClient.ConnectAsync(new FtpClientOptions("127.0.0.1", server.Port), Token);

    private static void WriteTree(TestServer server)
    {
        server.RootFolder.WriteRandomFile("tree/top.txt", 10);
        server.RootFolder.WriteRandomFile("tree/a/one.bin", 3000);
        server.RootFolder.WriteRandomFile("tree/a/b/two.txt", 7);
        server.RootFolder.WriteRandomFile("tree/a/b/c/three.txt", 5);
        Directory.CreateDirectory(server.PathOf("tree/empty"));
        server.RootFolder.WriteRandomFile("keep/k.txt", 4);
        server.RootFolder.WriteRandomFile("tree-sibling.txt", 4);
    }

    [Fact]
    public async Task DeleteTree_ThreeLevels_TheFolderAndAllInItGone_SiblingsStay()
    {
        await using var server = TestServer.Start();
        WriteTree(server);
        using var client = await ConnectAsync(server);

        await client.DeleteTreeAsync("/tree", cancellationToken: Token);

        Assert.False(Directory.Exists(server.PathOf("tree")));
        Assert.True(File.Exists(server.PathOf("keep/k.txt")));
        Assert.True(File.Exists(server.PathOf("tree-sibling.txt")));
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task DeleteTree_RelativePath_AndAnEmptyFolder_AndAFile()
    {
        await using var server = TestServer.Start();
        WriteTree(server);
        using var client = await ConnectAsync(server);

        await client.DeleteTreeAsync("tree/empty", cancellationToken: Token);
        await client.DeleteTreeAsync("tree/top.txt", cancellationToken: Token);

        Assert.False(Directory.Exists(server.PathOf("tree/empty")));
        Assert.False(File.Exists(server.PathOf("tree/top.txt")));
        Assert.True(File.Exists(server.PathOf("tree/a/one.bin")));
    }

    [Fact]
    public async Task DeleteTree_Missing_NotFound()
    {
        await using var server = TestServer.Start();
        using var client = await ConnectAsync(server);

        var e = await Assert.ThrowsAsync<FtpException>(() => client.DeleteTreeAsync("/nope", cancellationToken: Token));

        Assert.Equal(FtpErrorKind.NotFound, e.Kind);
        Assert.Contains("/nope", e.Message);
    }

    [Theory]
    [InlineData("/")]
    [InlineData(".")]
    [InlineData("tree/..")]
    public async Task DeleteTree_TheRoot_Refused_NothingDeleted(string path)
    {
        await using var server = TestServer.Start();
        WriteTree(server);
        using var client = await ConnectAsync(server);

        var e = await Assert.ThrowsAsync<ArgumentException>(() => client.DeleteTreeAsync(path, cancellationToken: Token));

        Assert.Contains("root", e.Message);
        Assert.True(File.Exists(server.PathOf("tree/a/b/c/three.txt")));
        Assert.True(File.Exists(server.PathOf("keep/k.txt")));
    }

    [Fact]
    public async Task DeleteTree_DeeperThanTheBound_TreeException_NothingDeleted()
    {
        await using var server = TestServer.Start();
        WriteTree(server);
        using var client = await ConnectAsync(server);

        var e = await Assert.ThrowsAsync<FtpTreeException>(() => client.DeleteTreeAsync("/tree", maxDepth: 2, Token));

        Assert.True(e.TooDeep);
        Assert.Equal("a/b/c", e.RelativePath);
        Assert.Contains("/tree/a/b/c", e.Message);
        Assert.True(File.Exists(server.PathOf("tree/top.txt")));
        Assert.True(File.Exists(server.PathOf("tree/a/b/c/three.txt")));
    }

    [Fact]
    public async Task DeleteTree_OurServer_ALinkToAFolderElsewhereInTheRoot_TheLinkGoes_WhatItLeadsToStays()
    {
        await using var server = TestServer.Start();
        WriteTree(server);
        Directory.CreateSymbolicLink(server.PathOf("tree/a/shared"), server.PathOf("keep"));
        using var client = await ConnectAsync(server);

        await client.DeleteTreeAsync("/tree", cancellationToken: Token);

        Assert.False(Directory.Exists(server.PathOf("tree")));
        Assert.True(File.Exists(server.PathOf("keep/k.txt")));
    }

    [Fact]
    public async Task DeleteTree_OurServer_NamingTheLinkItself_DeletesTheLinkOnly()
    {
        await using var server = TestServer.Start();
        WriteTree(server);
        Directory.CreateSymbolicLink(server.PathOf("tree/shared"), server.PathOf("keep"));
        using var client = await ConnectAsync(server);

        await client.DeleteTreeAsync("/tree/shared", cancellationToken: Token);

        Assert.False(Path.Exists(server.PathOf("tree/shared")));
        Assert.True(File.Exists(server.PathOf("keep/k.txt")));
        Assert.True(File.Exists(server.PathOf("tree/top.txt")));
    }

    [Fact]
    public async Task DeleteTree_OurServer_ALinkLoop_IsAnEntry_DeletedWithoutWalkingIt()
    {
        await using var server = TestServer.Start();
        server.RootFolder.WriteRandomFile("d/f.txt", 3);
        Directory.CreateSymbolicLink(server.PathOf("d/loop"), server.PathOf("d"));
        using var client = await ConnectAsync(server);

        await client.DeleteTreeAsync("/d", maxDepth: 5, Token);

        Assert.False(Path.Exists(server.PathOf("d")));
    }

    [Fact]
    public async Task DeleteTree_ADeleteRefused_StopsThere_SaysWhichPath_WhatWasDeletedStaysDeleted()
    {
        await using var server = TestServer.Start(o => o.Store = new RefusingStore(new LocalFileStore(o.Root), "two.txt"));
        WriteTree(server);
        using var client = await ConnectAsync(server);

        var e = await Assert.ThrowsAsync<FtpException>(() => client.DeleteTreeAsync("/tree", cancellationToken: Token));

        Assert.Equal(FtpErrorKind.PermissionDenied, e.Kind);
        Assert.Contains("/tree/a/b/two.txt", e.Message);
        Assert.False(Directory.Exists(server.PathOf("tree/a/b/c"))); // Deepest first: gone before the refusal.
        Assert.True(File.Exists(server.PathOf("tree/a/b/two.txt")));
        Assert.True(File.Exists(server.PathOf("tree/a/one.bin"))); // Stopped: nothing after the refusal was tried.
        Assert.True(File.Exists(server.PathOf("tree/top.txt")));
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task DeleteTree_Cancelled_StopsBetweenCommands_OperationCanceled()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        await using var server = TestServer.Start(o => o.Store = new CancellingStore(new LocalFileStore(o.Root), cancel));
        WriteTree(server);
        using var client = await ConnectAsync(server);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.DeleteTreeAsync("/tree", cancellationToken: cancel.Token));

        Assert.False(File.Exists(server.PathOf("tree/a/b/c/three.txt"))); // The first delete, during which the caller cancelled.
        Assert.True(Directory.Exists(server.PathOf("tree/a/b/c")));        // No command after it.
        Assert.True(File.Exists(server.PathOf("tree/top.txt")));
    }

    [Fact]
    public async Task DeleteTree_ListShowsSymbolicLinks_EachDeletedAsAnEntry_NeverListed()
    {
        // A LIST-only server where links show as "l" lines: one to the root, one to a folder inside the tree, one to a file.
        await using var server = new ScriptedFtpServer();
        server.Listings["/"] = "drwxr-xr-x 1 u g 0 Jan 01 2026 d\r\n";
        server.Listings["/d"] = "-rw-r--r-- 1 u g 5 Jan 01 2026 a.txt\r\n" +
                                "lrwxrwxrwx 1 u g 1 Jan 01 2026 up -> /\r\n" +
                                "lrwxrwxrwx 1 u g 1 Jan 01 2026 self -> /d\r\n" +
                                "lrwxrwxrwx 1 u g 5 Jan 01 2026 b.txt -> a.txt\r\n";
        server.Replies["DELE"] = "250 deleted\r\n";
        server.Replies["RMD"] = "250 removed\r\n";
        using var client = await FtpClient.ConnectAsync(new FtpClientOptions("127.0.0.1", server.Port), Token);

        await client.DeleteTreeAsync("/d", cancellationToken: Token);

        var commands = server.Received.Where(l => l.StartsWith("DELE ") || l.StartsWith("RMD ") || l.StartsWith("LIST ")).ToList();
        Assert.Equal(new[] { "LIST /", "LIST /d" }, commands.Where(l => l.StartsWith("LIST ")));
        Assert.Equal(new[] { "DELE /d/a.txt", "DELE /d/b.txt", "DELE /d/self", "DELE /d/up" }, commands.Where(l => l.StartsWith("DELE ")).Order(StringComparer.Ordinal));
        Assert.Equal("RMD /d", commands[^1]);
        Assert.Single(commands, l => l.StartsWith("RMD "));
    }

    /// <summary>Refuses to delete files of one name, as a server without the permission would.</summary>
    private sealed class RefusingStore : DelegatingFileStore
    {
        private readonly string _name;

        public RefusingStore(IFileStore inner, string name) : base(inner) => _name = name;

        public override Task DeleteFileAsync(string path, CancellationToken cancellationToken) =>
            path.EndsWith("/" + _name, StringComparison.Ordinal)
                ? throw new UnauthorizedAccessException("no")
                : base.DeleteFileAsync(path, cancellationToken);
    }

    /// <summary>Deletes as asked, and cancels the client's token during the first delete: the caller pressing Ctrl+C.</summary>
    private sealed class CancellingStore : DelegatingFileStore
    {
        private readonly CancellationTokenSource _cancel;

        public CancellingStore(IFileStore inner, CancellationTokenSource cancel) : base(inner) => _cancel = cancel;

        public override async Task DeleteFileAsync(string path, CancellationToken cancellationToken)
        {
            await base.DeleteFileAsync(path, cancellationToken);
            _cancel.Cancel();
        }
    }
}
