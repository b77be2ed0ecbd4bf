using FtpLite.Client;
using FtpLite.Storage;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Client.Folders;

/// <summary>The walk over several sessions (a mirror's) gives what the one-session walk gives, in the same order.</summary>
public class ParallelTreeWalkTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<FtpClient> ConnectAsync(TestServer server) => FtpClient.ConnectAsync(new FtpClientOptions("127.0.0.1", server.Port), Token);

    private static IReadOnlyList<Task<FtpClient>> Helpers(TestServer server, int count) =>
        Enumerable.Range(0, count).Select(_ => ConnectAsync(server)).ToList();

    private static (string, bool, long)[] Shape(IEnumerable<FtpTreeEntry> entries) =>
        entries.Select(e => (e.RelativePath, e.IsDirectory, e.Length)).ToArray();

    [Fact]
    public async Task DeepWideTree_EveryEntry_InTheOneSessionWalksOrder()
    {
        await using var server = TestServer.Start();
        // 3 folders a level, 4 levels deep (120 folders), two files in each, and some empty folders.
        void Fill(string folder, int depth)
        {
            server.RootFolder.WriteRandomFile($"{folder}/x{depth}.bin", 10 + depth);
            server.RootFolder.WriteRandomFile($"{folder}/a.txt", 3);
            if (depth == 4) return;
            foreach (var name in new[] { "b", "a", "c" }) Fill($"{folder}/{name}", depth + 1);
            Directory.CreateDirectory(server.PathOf($"{folder}/empty{depth}"));
        }
        Fill("top", 0);
        using var client = await ConnectAsync(server);
        var kept = new System.Collections.Concurrent.ConcurrentBag<FtpClient>();

        var one = await client.WalkAsync("/top", cancellationToken: Token);
        var many = await ParallelTreeWalk.WalkAsync(client, Helpers(server, 3), "/top", 64, null, kept.Add, Token);

        Assert.Equal(Shape(one), Shape(many));
        Assert.Equal(Shape(LocalTree.Walk(server.PathOf("top"))), Shape(many));
        Assert.Equal(3, kept.Count);
        Assert.All(kept, k => Assert.True(k.IsConnected));
        Assert.True(client.IsConnected);
        foreach (var k in kept) k.Dispose();
    }

    [Fact]
    public async Task RefusedFolder_ReportedInItsPlace_TheRestWalked_OrTheFirstThrown()
    {
        await using var server = TestServer.Start(o => o.StoreFactory = root => new RefusingStore(new LocalFileStore(root), "/t/b/locked"));
        server.RootFolder.WriteRandomFile("t/a/1.txt", 1);
        server.RootFolder.WriteRandomFile("t/b/locked/2.txt", 2);
        server.RootFolder.WriteRandomFile("t/b/open/3.txt", 3);
        server.RootFolder.WriteRandomFile("t/c/4.txt", 4);
        using var client = await ConnectAsync(server);
        var reported = new List<FtpTreeException>();
        var kept = new System.Collections.Concurrent.ConcurrentBag<FtpClient>();

        var entries = await ParallelTreeWalk.WalkAsync(client, Helpers(server, 2), "/t", 64, reported.Add, kept.Add, Token);
        var thrown = await Assert.ThrowsAsync<FtpTreeException>(() => ParallelTreeWalk.WalkAsync(client, Helpers(server, 2), "/t", 64, null, kept.Add, Token));
        var oneSession = new List<FtpTreeException>();
        var one = await client.WalkAsync("/t", 64, oneSession.Add, Token);

        Assert.Equal(new[] { "a", "a/1.txt", "b", "b/locked", "b/open", "b/open/3.txt", "c", "c/4.txt" }, entries.Select(e => e.RelativePath));
        Assert.Equal(Shape(one), Shape(entries));
        Assert.Equal("b/locked", Assert.Single(reported).RelativePath);
        Assert.Equal("b/locked", Assert.Single(oneSession).RelativePath);
        Assert.Equal("b/locked", thrown.RelativePath);
        Assert.False(thrown.TooDeep);
        Assert.True(client.IsConnected);
        foreach (var k in kept) k.Dispose();
    }

    [Fact]
    public async Task DeeperThanTheBound_ReportedAsTheOneSessionWalkReportsIt()
    {
        await using var server = TestServer.Start();
        Directory.CreateDirectory(server.PathOf("1/2/3/4"));
        File.WriteAllText(server.PathOf("1/f.txt"), "f");
        using var client = await ConnectAsync(server);
        var reported = new List<FtpTreeException>();
        var kept = new System.Collections.Concurrent.ConcurrentBag<FtpClient>();

        var entries = await ParallelTreeWalk.WalkAsync(client, Helpers(server, 2), "/", 2, reported.Add, kept.Add, Token);

        Assert.Equal(new[] { "1", "1/f.txt", "1/2" }, entries.Select(x => x.RelativePath));
        var deep = Assert.Single(reported);
        Assert.True(deep.TooDeep);
        Assert.Equal("1/2/3", deep.RelativePath);
        foreach (var k in kept) k.Dispose();
    }

    [Fact]
    public async Task HelpersThatNeverConnect_TheClientWalksAlone()
    {
        await using var server = TestServer.Start();
        server.RootFolder.WriteRandomFile("t/a/1.txt", 1);
        server.RootFolder.WriteRandomFile("t/b/2.txt", 2);
        using var client = await ConnectAsync(server);
        var failing = new[] { Task.FromException<FtpClient>(new FtpException(FtpErrorKind.ConnectionLost, "no")), Task.FromException<FtpClient>(new IOException("no")) };
        var kept = new System.Collections.Concurrent.ConcurrentBag<FtpClient>();

        var entries = await ParallelTreeWalk.WalkAsync(client, failing, "/t", 64, null, kept.Add, Token);

        Assert.Equal(new[] { "a", "a/1.txt", "b", "b/2.txt" }, entries.Select(e => e.RelativePath));
        Assert.Empty(kept);
    }

    [Fact]
    public async Task MissingRoot_NotFound_AndTheHelpersStillHandedOver()
    {
        await using var server = TestServer.Start();
        using var client = await ConnectAsync(server);
        var kept = new System.Collections.Concurrent.ConcurrentBag<FtpClient>();
        var helpers = Helpers(server, 2);

        var e = await Assert.ThrowsAsync<FtpException>(() => ParallelTreeWalk.WalkAsync(client, helpers, "/nope", 64, null, kept.Add, Token));
        await Task.WhenAll(helpers);
        // The hand-over runs as each helper's connect completes: bounded wait for it.
        for (var i = 0; i < 200 && kept.Count < 2; i++) await Task.Delay(25, Token);

        Assert.Equal(FtpErrorKind.NotFound, e.Kind);
        Assert.Equal(2, kept.Count);
        foreach (var k in kept) k.Dispose();
    }

    /// <summary>A store that will not list one folder (as a folder without read permission would).</summary>
    private sealed class RefusingStore : DelegatingFileStore
    {
        private readonly string _refused;

        public RefusingStore(IFileStore inner, string refused) : base(inner) => _refused = refused;

        public override IFileStoreListing List(string directory) =>
            directory == _refused ? throw new UnauthorizedAccessException("Access to the path is denied.") : Inner.List(directory);
    }
}
