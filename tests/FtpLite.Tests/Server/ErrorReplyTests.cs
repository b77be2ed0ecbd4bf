using FtpLite.Protocol;
using FtpLite.Storage;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Server;

/// <summary>Failures are told by what happened (RFC 959 codes), never by where: no server path, no exception text.</summary>
public class ErrorReplyTests
{
    private static readonly string LongName = new('b', 300); // Beyond every Linux file system's 255-byte name limit.

    [Fact]
    public async Task HostileSession_NoReplyCarriesAServerPath_AndPermanentFailuresAre5xx()
    {
        await using var server = TestServer.Start();
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        server.Server.Activity += (_, e) => log.Enqueue(e.Message);
        File.WriteAllText(server.PathOf("file.txt"), "f");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        var replies = new List<FtpReply>
        {
            await ftp.CommandAsync("MKD " + LongName),
            await ftp.UploadAsync("STOR " + LongName, new byte[] { 1 }),
            await ftp.UploadAsync("APPE " + LongName, new byte[] { 1 }),
            await ftp.CommandAsync("CWD " + LongName),
            await ftp.CommandAsync("DELE " + LongName),
            await ftp.CommandAsync("RMD " + LongName),
            await ftp.CommandAsync("MKD file.txt/sub"),          // A path component that is a file (ENOTDIR).
            await ftp.UploadAsync("STOR file.txt/x", new byte[] { 1 }),
            await ftp.CommandAsync("RNFR file.txt"),
            await ftp.CommandAsync("RNTO " + LongName),
            await ftp.CommandAsync("RNFR file.txt"),
            await ftp.CommandAsync("RNTO file.txt/x"),
        };

        AssertNothingLeaks(replies, server.Root);
        Assert.Equal(553, replies[0].Code);
        Assert.Equal(553, replies[1].Code);
        Assert.Equal(553, replies[2].Code);
        Assert.Equal(553, replies[9].Code);
        Assert.All(replies.Where(r => r.Code != 350), r => Assert.True(r.Code >= 550, r.ToString()));
        Assert.True(File.Exists(server.PathOf("file.txt")));
        Assert.Equal(200, (await ftp.CommandAsync("NOOP")).Code);
        // The operator still hears the platform's own account of the disk's refusal.
        Assert.Contains(log, m => m.StartsWith("MKD failed: PathTooLongException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FailingStore_ReadOnlyAndDenied550_DiskFull452_Unknown451_WithoutTheirText()
    {
        await using var server = TestServer.Start(o => o.StoreFactory = root => new FailingStore(new LocalFileStore(root)));
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        server.Server.Activity += (_, e) => log.Enqueue(e.Message);
        File.WriteAllText(server.PathOf("file.txt"), "f");
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();

        var readOnly = await ftp.CommandAsync("MKD ro");
        var denied = await ftp.CommandAsync("DELE file.txt");
        var full = await ftp.UploadAsync("STOR full.bin", new byte[] { 1 });
        var io = await ftp.CommandAsync("RMD io");
        var rename = await ftp.CommandAsync("RNFR file.txt");
        var tooLong = await ftp.CommandAsync("RNTO long");

        AssertNothingLeaks(new[] { readOnly, denied, full, io, rename, tooLong }, server.Root);
        Assert.Equal(550, readOnly.Code);
        Assert.Equal(550, denied.Code);
        Assert.Equal(452, full.Code);
        Assert.Equal(451, io.Code);
        Assert.Equal(553, tooLong.Code);
        Assert.Equal(200, (await ftp.CommandAsync("NOOP")).Code);
        // What the client is not told, the operator is: the platform's own words, path and all.
        Assert.Contains(log, m => m.Contains("Read-only file system : '/srv/secret/ro'"));
        Assert.Contains(log, m => m.Contains("Input/output error : '/srv/secret/io'"));
    }

    [Fact]
    public async Task CwdToAFile_SaysNotAFolder_SizeAndMdtmOfAFolder_SayItIsAFolder()
    {
        await using var server = TestServer.Start();
        File.WriteAllText(server.PathOf("file.txt"), "f");
        Directory.CreateDirectory(server.PathOf("dir"));
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();

        var cwd = await ftp.CommandAsync("CWD file.txt");
        var size = await ftp.CommandAsync("SIZE dir");
        var mdtm = await ftp.CommandAsync("MDTM dir");
        var missing = await ftp.CommandAsync("CWD nowhere");

        Assert.Equal(550, cwd.Code);
        Assert.Contains("not a folder", cwd.Message);
        Assert.Equal(550, size.Code);
        Assert.Contains("is a folder", size.Message);
        Assert.Equal(550, mdtm.Code);
        Assert.Contains("is a folder", mdtm.Message);
        Assert.Contains("no such folder", missing.Message);
    }

    private static void AssertNothingLeaks(IEnumerable<FtpReply> replies, string root)
    {
        var tempRoot = Path.GetTempPath().TrimEnd(Path.DirectorySeparatorChar);
        foreach (var reply in replies)
        {
            var text = string.Join("\n", reply.Lines);
            Assert.DoesNotContain(root, text);
            Assert.DoesNotContain(tempRoot, text);
            Assert.DoesNotContain("/srv", text);
            Assert.DoesNotContain("secret", text);
            Assert.DoesNotContain("Exception", text);
            Assert.DoesNotContain("Access to the path", text);
            Assert.DoesNotContain("Read-only file system", text);
            Assert.DoesNotContain(".part", text);
        }
    }

    /// <summary>A store whose disk misbehaves the way real ones do, with the real exceptions' texts (paths included).</summary>
    private sealed class FailingStore : DelegatingFileStore
    {
        private const int Eio = 5;
        private const int Enospc = 28;
        private const int Erofs = 30;

        public FailingStore(IFileStore inner) : base(inner)
        {
        }

        public override Task<IUpload> BeginUploadAsync(string path, UploadMode mode, long offset, string? owner, CancellationToken cancellationToken) =>
            throw new IOException("No space left on device : '/srv/secret/.ftplite-0123.part'", Enospc);

        public override Task CreateDirectoryAsync(string path, CancellationToken cancellationToken) =>
            throw new IOException("Read-only file system : '/srv/secret/ro'", Erofs);

        public override Task DeleteFileAsync(string path, CancellationToken cancellationToken) =>
            throw new UnauthorizedAccessException("Access to the path '/srv/secret/file.txt' is denied.");

        public override Task DeleteDirectoryAsync(string path, CancellationToken cancellationToken) =>
            throw new IOException("Input/output error : '/srv/secret/io'", Eio);

        public override Task RenameAsync(string from, string to, CancellationToken cancellationToken) =>
            throw new PathTooLongException("The path '/srv/secret/long' is too long, or a component of the specified path is too long.");
    }
}
