using FtpLite.Server;
using FtpLite.Storage;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Server;

/// <summary>
/// A store given through <see cref="FtpServerOptions.Store"/> that can do only the basics: the server says plainly
/// what this storage cannot do, never half-does it, and serves the rest as usual.
/// </summary>
public class StoreCapabilityTests
{
    [Fact]
    public async Task AStoreWithoutAppendResumeOrFolderRename_IsAnsweredTruthfully()
    {
        await using var server = TestServer.Start(o => o.Store = new BasicStore(new LocalFileStore(o.Root)));
        File.WriteAllText(server.PathOf("file.txt"), "abc");
        Directory.CreateDirectory(server.PathOf("dir"));
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();

        var appe = await ftp.UploadAsync("APPE file.txt", "def"u8.ToArray());
        var rest = await ftp.CommandAsync("REST 3");
        var resume = await ftp.UploadAsync("STOR file.txt", "def"u8.ToArray());
        var folderRename = await ftp.CommandAsync("RNFR dir");
        var size = await ftp.CommandAsync("SIZE file.txt");

        Assert.Equal(502, appe.Code);
        Assert.Contains("not supported by this storage", appe.Message);
        Assert.Equal(350, rest.Code); // REST itself stays: a RETR from the offset works.
        Assert.Equal(504, resume.Code);
        Assert.Contains("not supported by this storage", resume.Message);
        Assert.Equal(550, folderRename.Code);
        Assert.Contains("folder rename not supported by this storage", folderRename.Message);
        Assert.Equal("213 3", $"{size.Code} {size.Message}");
        Assert.Equal("abc", File.ReadAllText(server.PathOf("file.txt")));
        Assert.True(Directory.Exists(server.PathOf("dir")));
    }

    [Fact]
    public async Task AStoreWithoutAppendResumeOrFolderRename_StillStoresRenamesAndResumesDownloads()
    {
        await using var server = TestServer.Start(o => o.Store = new BasicStore(new LocalFileStore(o.Root)));
        File.WriteAllText(server.PathOf("file.txt"), "abc");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();

        var stor = await ftp.UploadAsync("STOR new.txt", "whole"u8.ToArray());
        var rnfr = await ftp.CommandAsync("RNFR new.txt");
        var rnto = await ftp.CommandAsync("RNTO renamed.txt");
        await ftp.CommandAsync("REST 1");
        var (tail, retr) = await ftp.DownloadAsync("RETR file.txt");

        Assert.Equal(226, stor.Code);
        Assert.Equal(350, rnfr.Code);
        Assert.Equal(250, rnto.Code);
        Assert.Equal("whole", File.ReadAllText(server.PathOf("renamed.txt")));
        Assert.Equal(226, retr.Code);
        Assert.Equal("bc", System.Text.Encoding.ASCII.GetString(tail));
    }

    [Fact]
    public void AStoreForEveryone_RefusesAccountsWithARootOfTheirOwn()
    {
        using var folder = new TempFolder();
        var options = new FtpServerOptions { Store = new LocalFileStore(folder.Path), Root = "/no/such/folder" };
        options.Users.Add(FtpUser.Create("alice", "secret", root: folder.Path));

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("one store to everyone", error.Message);
    }

    [Fact]
    public async Task AStoreThatKeptAChecksum_AnswersHashFromIt_ElseTheFileIsRead()
    {
        var store = (HashKeepingStore?)null;
        await using var server = TestServer.Start(o => o.Store = store = new HashKeepingStore(new LocalFileStore(o.Root)));
        File.WriteAllText(server.PathOf("file.txt"), "abc");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();

        var kept = await ftp.CommandAsync("HASH file.txt");
        await ftp.CommandAsync("OPTS HASH MD5");
        var computed = await ftp.CommandAsync("HASH file.txt");

        Assert.Equal("213 SHA-256 0-3 kept-at-upload file.txt", $"{kept.Code} {kept.Message}");
        Assert.Equal("213 MD5 0-3 900150983cd24fb0d6963f7d28e17f72 file.txt", $"{computed.Code} {computed.Message}");
        Assert.Equal(new[] { "/file.txt SHA-256", "/file.txt MD5" }, store!.Asked);
    }

    /// <summary>Keeps a SHA-256 of every file (a made-up one), and no other.</summary>
    private sealed class HashKeepingStore : DelegatingFileStore, IStoredHashes
    {
        public HashKeepingStore(IFileStore inner) : base(inner)
        {
        }

        public System.Collections.Concurrent.ConcurrentQueue<string> Asked { get; } = new();

        public Task<string?> GetStoredHashAsync(string path, string algorithm, CancellationToken cancellationToken)
        {
            Asked.Enqueue($"{path} {algorithm}");
            return Task.FromResult(algorithm == "SHA-256" ? "kept-at-upload" : null);
        }
    }

    /// <summary>The local folder, claiming to do only what every store must.</summary>
    [Fact]
    public async Task AStoreThatCannotKeepTimes_HasNoMfmtInFeat_AndMfmtIs502_TheFileKeepsItsTime()
    {
        await using var server = TestServer.Start(o => o.Store = new BasicStore(new LocalFileStore(o.Root)));
        File.WriteAllText(server.PathOf("file.txt"), "abc");
        var before = File.GetLastWriteTimeUtc(server.PathOf("file.txt"));
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();

        var feat = await ftp.CommandAsync("FEAT");
        var mfmt = await ftp.CommandAsync("MFMT 20200101000000 file.txt");

        Assert.DoesNotContain(feat.Lines, l => l.Trim() == "MFMT");
        Assert.Contains(feat.Lines, l => l.Trim() == "MDTM");
        Assert.Equal(502, mfmt.Code);
        Assert.Contains("not supported by this storage", mfmt.Message);
        Assert.Equal(before, File.GetLastWriteTimeUtc(server.PathOf("file.txt")));
    }

    private sealed class BasicStore : DelegatingFileStore
    {
        public BasicStore(IFileStore inner) : base(inner)
        {
        }

        public override FileStoreCapabilities Capabilities => FileStoreCapabilities.None;

        // What the server must never ask of this store.
        public override Task<IUpload> BeginUploadAsync(string path, UploadMode mode, long offset, string? owner, CancellationToken cancellationToken) =>
            mode == UploadMode.Append || (mode == UploadMode.Resume && offset > 0)
                ? throw new InvalidOperationException("asked to " + mode)
                : Inner.BeginUploadAsync(path, mode, offset, owner, cancellationToken);

        public override Task<long?> PendingUploadLengthAsync(string path, string owner, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("asked for a pending upload");
    }
}
