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

    private static string[] Lines(byte[] data) => Encoding.UTF8.GetString(data).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    private sealed class EndlessFolderStore : IFileStore
    {
        private readonly IFileStore _inner;

        public EndlessFolderStore(IFileStore inner) => _inner = inner;

        public FileStoreEntry? GetEntry(string path) => _inner.GetEntry(path);

        public IEnumerable<FileStoreEntry> List(string directory)
        {
            for (long i = 0; ; i++) yield return new FileStoreEntry($"endless-{i}", $"/endless-{i}", false, i, DateTime.UtcNow);
        }

        public Stream OpenRead(string path, long offset) => _inner.OpenRead(path, offset);
        public IUpload BeginUpload(string path, UploadMode mode, long offset, string? owner = null) => _inner.BeginUpload(path, mode, offset, owner);
        public long? PendingUploadLength(string path, string owner) => _inner.PendingUploadLength(path, owner);
        public void CreateDirectory(string path) => _inner.CreateDirectory(path);
        public void SetLastWriteTime(string path, DateTime utc) => _inner.SetLastWriteTime(path, utc);
        public void DeleteFile(string path) => _inner.DeleteFile(path);
        public void DeleteDirectory(string path) => _inner.DeleteDirectory(path);
        public void Rename(string from, string to) => _inner.Rename(from, to);
    }
}
