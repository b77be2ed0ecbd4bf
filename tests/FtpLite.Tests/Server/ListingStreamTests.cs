using System.Text;
using FtpLite.Storage;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Server;

/// <summary>Listings are streamed entry by entry, in the file system's order, and stop at the server's cap.</summary>
public class ListingStreamTests
{
    [Theory]
    [InlineData("LIST")]
    [InlineData("NLST")]
    [InlineData("MLSD")]
    public async Task AtTheCap_TheListingStops_AndTheReplySaysSoWithAFailureCode(string verb)
    {
        await using var server = TestServer.Start(o => o.MaxListingEntries = 5);
        for (var i = 0; i < 12; i++) File.WriteAllText(server.PathOf($"f{i:00}.txt"), "x");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();

        var (data, reply) = await ftp.DownloadAsync(verb);

        var lines = Encoding.UTF8.GetString(data).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.Equal(550, reply.Code);
        Assert.Contains("5 entries", reply.Message);
        Assert.Equal(200, (await ftp.CommandAsync("NOOP")).Code);
    }

    [Fact]
    public async Task StatOfAFolder_AtTheCap_EndsWithANote()
    {
        await using var server = TestServer.Start(o => o.MaxListingEntries = 5);
        for (var i = 0; i < 12; i++) File.WriteAllText(server.PathOf($"f{i:00}.txt"), "x");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();

        var stat = await ftp.CommandAsync("STAT /");

        Assert.Equal(213, stat.Code);
        Assert.Equal(5, stat.Lines.Count(l => l.Contains(".txt")));
        Assert.Contains("5 entries", stat.Message);
    }

    [Fact]
    public async Task ABigFolder_ListsEveryEntryOnce_AtTheCapExactly_Succeeds()
    {
        const int count = 3000; // Many times the listing buffer.
        await using var server = TestServer.Start(o => o.MaxListingEntries = count);
        var expected = new HashSet<string>();
        for (var i = 0; i < count; i++)
        {
            var name = $"entry-{i:0000}-{new string('n', i % 40)}.dat";
            File.WriteAllText(server.PathOf(name), "x");
            expected.Add(name);
        }
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();

        var (nlst, nlstReply) = await ftp.DownloadAsync("NLST");
        var (list, listReply) = await ftp.DownloadAsync("LIST");
        var (mlsd, mlsdReply) = await ftp.DownloadAsync("MLSD");

        Assert.Equal(226, nlstReply.Code);
        Assert.Equal(226, listReply.Code);
        Assert.Equal(226, mlsdReply.Code);
        Assert.Equal(expected, Lines(nlst).ToHashSet());
        Assert.Equal(expected, Lines(list).Select(l => l.Substring(l.LastIndexOf(' ') + 1)).ToHashSet());
        Assert.Equal(expected, Lines(mlsd).Select(l => l.Substring(l.IndexOf("; ", StringComparison.Ordinal) + 2)).ToHashSet());
        Assert.Equal(count, Lines(list).Length);
    }

    [Theory]
    [InlineData("LIST")]
    [InlineData("STAT /")]
    public async Task AFolderWithoutEnd_IsListedLazily_UpToTheCap(string command)
    {
        // A store whose root never runs out of entries: a listing that held the folder whole would never end.
        await using var server = TestServer.Start(o =>
        {
            o.MaxListingEntries = 1000;
            o.StoreFactory = root => new EndlessFolderStore(new LocalFileStore(root));
        });
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();

        if (command == "LIST")
        {
            var (data, reply) = await ftp.DownloadAsync(command);
            Assert.Equal(1000, Lines(data).Length);
            Assert.Equal(550, reply.Code);
        }
        else
        {
            var stat = await ftp.CommandAsync(command);
            Assert.Equal(213, stat.Code);
            Assert.Equal(1000, stat.Lines.Count(l => l.Contains("endless-")));
        }
    }

    [Theory]
    [InlineData("NLST")]
    [InlineData("NLST *.txt")]
    [InlineData("STAT *.txt")]
    [InlineData("MISSING")]
    public async Task AStoreThatListsOverTheNetwork_IsListedWhole_InItsOrder(string command)
    {
        // Every other entry arrives later, as from a remote store: no entry may be lost or repeated on either path.
        await using var server = TestServer.Start(o => o.StoreFactory = root => new RemoteLikeStore(new LocalFileStore(root)));
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        string[] expected = RemoteLikeStore.Names.Where(n => !command.Contains('*') || n.EndsWith(".txt", StringComparison.Ordinal)).ToArray();

        if (command == "MISSING")
        {
            // The folder is found missing only at the first move, and still answered before any 150.
            Directory.CreateDirectory(server.PathOf("gone"));
            Assert.Equal(550, (await ftp.CommandAsync("STAT gone")).Code);
            return;
        }
        string[] lines;
        if (command.StartsWith("STAT", StringComparison.Ordinal))
        {
            var stat = await ftp.CommandAsync(command);
            lines = stat.Lines.Where(l => l.StartsWith(' ')).Select(l => l.Substring(l.LastIndexOf(' ') + 1)).ToArray();
        }
        else
        {
            var (data, reply) = await ftp.DownloadAsync(command);
            Assert.Equal(226, reply.Code);
            lines = Lines(data);
        }
        Assert.Equal(expected, lines);
    }

    private static string[] Lines(byte[] data) => Encoding.UTF8.GetString(data).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A root whose listing waits for every other entry; any other folder is found missing at the first move.</summary>
    private sealed class RemoteLikeStore : DelegatingFileStore
    {
        public static readonly string[] Names = Enumerable.Range(0, 40).Select(i => i % 3 == 0 ? $"n{i:00}.bin" : $"n{i:00}.txt").ToArray();

        public RemoteLikeStore(IFileStore inner) : base(inner)
        {
        }

        public override IFileStoreListing List(string directory) => new Listing(directory == "/");

        private sealed class Listing : IFileStoreListing
        {
            private readonly bool _exists;
            private int _next;

            public Listing(bool exists) => _exists = exists;

            public FileStoreEntry Current { get; private set; } = null!;

            public async Task<bool> MoveNextAsync(CancellationToken cancellationToken)
            {
                if (_next % 2 == 1) await Task.Yield();
                if (!_exists) throw new FileStoreException(FileStoreError.NotFound, "No such folder.");
                if (_next == Names.Length) return false;
                Current = new FileStoreEntry(Names[_next], "/" + Names[_next], false, 1, DateTime.UtcNow);
                _next++;
                return true;
            }

            public void Dispose()
            {
            }
        }
    }

    private sealed class EndlessFolderStore : DelegatingFileStore
    {
        public EndlessFolderStore(IFileStore inner) : base(inner)
        {
        }

        public override IFileStoreListing List(string directory) => FileStoreListing.From(Endless());

        private static IEnumerable<FileStoreEntry> Endless()
        {
            for (long i = 0; ; i++) yield return new FileStoreEntry($"endless-{i}", $"/endless-{i}", false, i, DateTime.UtcNow);
        }
    }
}
