using System.Collections.Concurrent;
using FtpLite.Server;
using FtpLite.Storage;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Server;

/// <summary>
/// Sessions start on the server's accept thread and, on Linux, go on with each command on its readiness thread: one
/// thread for all connections, where a wait would stall every session (S3Upload.Dispose waits for its parts). No call
/// into a store, which may wait, runs there: every one is made on the thread pool.
/// </summary>
public class IoThreadTests
{
    [Fact]
    public async Task EveryStoreCall_LoginsCommandsTransfersAbortsAndVanishedClients_RunsOnThePool()
    {
        var offPool = new ConcurrentQueue<string>();
        await using var server = TestServer.Start(o =>
        {
            o.Users.Add(FtpUser.Create("alice", "s3cret"));
            o.StoreFactory = root =>
            {
                Note(offPool, "StoreFactory");
                return new PoolOnlyStore(new LocalFileStore(root), offPool);
            };
        });

        using (var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint))
        {
            await ftp.LoginAsync("alice", "s3cret");
            Assert.Equal(211, (await ftp.CommandAsync("FEAT")).Code);
            Assert.Equal(257, (await ftp.CommandAsync("MKD d")).Code);
            Assert.Equal(250, (await ftp.CommandAsync("CWD d")).Code);
            Assert.Equal(226, (await ftp.UploadAsync("STOR a.txt", new byte[5000])).Code);
            Assert.Equal(213, (await ftp.CommandAsync("SIZE a.txt")).Code);
            Assert.Equal(213, (await ftp.CommandAsync("MDTM a.txt")).Code);
            Assert.Equal(5000, (await ftp.DownloadAsync("RETR a.txt")).Data.Length);
            Assert.Contains("a.txt", await ftp.ListAsync("NLST"));
            Assert.Equal(350, (await ftp.CommandAsync("RNFR a.txt")).Code);
            Assert.Equal(250, (await ftp.CommandAsync("RNTO b.txt")).Code);

            // An upload aborted: the store abandons it.
            using (var data = await ftp.OpenPassiveAsync())
            {
                Assert.Equal(150, (await ftp.CommandAsync("STOR cut.bin")).Code);
                await data.GetStream().WriteAsync(new byte[10_000]);
                await ftp.SendAsync("ABOR");
                Assert.Equal(426, (await ftp.ReadReplyAsync()).Code);
                Assert.Equal(226, (await ftp.ReadReplyAsync()).Code);
            }
            Assert.Equal(250, (await ftp.CommandAsync("DELE b.txt")).Code);
            Assert.Equal(250, (await ftp.CommandAsync("CWD /")).Code);
            Assert.Equal(221, (await ftp.CommandAsync("QUIT")).Code);
        }

        // A client that vanishes mid-upload: the session ends (on whichever thread saw the end) and the upload is abandoned.
        var gone = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await gone.LoginAsync("alice", "s3cret");
        var goneData = await gone.OpenPassiveAsync();
        Assert.Equal(150, (await gone.CommandAsync("STOR lost.bin")).Code);
        await goneData.GetStream().WriteAsync(new byte[20_000]);
        gone.Dispose();
        await WaitUntilAsync(() => server.Server.SessionCount == 0);
        goneData.Dispose();

        // A client that quits mid-upload: QUIT waits for the transfer, which ends with the data connection.
        using (var quitter = await RawFtpConnection.ConnectAsync(server.Server.EndPoint))
        {
            await quitter.LoginAsync("alice", "s3cret");
            var data = await quitter.OpenPassiveAsync();
            Assert.Equal(150, (await quitter.CommandAsync("STOR left.bin")).Code);
            await data.GetStream().WriteAsync(new byte[20_000]);
            await quitter.SendAsync("QUIT");
            data.Dispose();
            Assert.Equal(226, (await quitter.ReadReplyAsync()).Code);
            Assert.Equal(221, (await quitter.ReadReplyAsync()).Code);
            await WaitUntilAsync(() => server.Server.SessionCount == 0);
        }

        Assert.Empty(offPool);
    }

    private static void Note(ConcurrentQueue<string> offPool, string call)
    {
        // The accept and readiness threads are the server's own: no pool threads. Inline socket completions are off
        // in the test process, so every other continuation runs on the pool.
        if (!Thread.CurrentThread.IsThreadPoolThread) offPool.Enqueue($"{call} on '{Thread.CurrentThread.Name}'");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(25);
        Assert.True(condition());
    }

    /// <summary>A local store that notes every call, and every call on an upload, made off the thread pool.</summary>
    private sealed class PoolOnlyStore : DelegatingFileStore
    {
        private readonly ConcurrentQueue<string> _offPool;

        public PoolOnlyStore(IFileStore inner, ConcurrentQueue<string> offPool)
            : base(inner) => _offPool = offPool;

        public override FileStoreCapabilities Capabilities
        {
            get
            {
                Note(_offPool, "Capabilities");
                return Inner.Capabilities;
            }
        }

        public override Task<FileStoreEntry?> GetEntryAsync(string path, CancellationToken cancellationToken)
        {
            Note(_offPool, "GetEntryAsync " + path);
            return Inner.GetEntryAsync(path, cancellationToken);
        }

        public override IFileStoreListing List(string directory)
        {
            Note(_offPool, "List " + directory);
            return Inner.List(directory);
        }

        public override Task<Stream> OpenReadAsync(string path, long offset, CancellationToken cancellationToken)
        {
            Note(_offPool, "OpenReadAsync " + path);
            return Inner.OpenReadAsync(path, offset, cancellationToken);
        }

        public override async Task<IUpload> BeginUploadAsync(string path, UploadMode mode, long offset, string? owner, CancellationToken cancellationToken)
        {
            Note(_offPool, "BeginUploadAsync " + path);
            return new PoolOnlyUpload(await Inner.BeginUploadAsync(path, mode, offset, owner, cancellationToken), _offPool);
        }

        public override Task<long?> PendingUploadLengthAsync(string path, string owner, CancellationToken cancellationToken)
        {
            Note(_offPool, "PendingUploadLengthAsync " + path);
            return Inner.PendingUploadLengthAsync(path, owner, cancellationToken);
        }

        public override Task CreateDirectoryAsync(string path, CancellationToken cancellationToken)
        {
            Note(_offPool, "CreateDirectoryAsync " + path);
            return Inner.CreateDirectoryAsync(path, cancellationToken);
        }

        public override Task DeleteFileAsync(string path, CancellationToken cancellationToken)
        {
            Note(_offPool, "DeleteFileAsync " + path);
            return Inner.DeleteFileAsync(path, cancellationToken);
        }

        public override Task RenameAsync(string from, string to, CancellationToken cancellationToken)
        {
            Note(_offPool, "RenameAsync " + from);
            return Inner.RenameAsync(from, to, cancellationToken);
        }
    }

    private sealed class PoolOnlyUpload : IUpload
    {
        private readonly IUpload _inner;
        private readonly ConcurrentQueue<string> _offPool;

        public PoolOnlyUpload(IUpload inner, ConcurrentQueue<string> offPool)
        {
            _inner = inner;
            _offPool = offPool;
        }

        public Stream Stream => _inner.Stream;

        public Task CommitAsync(CancellationToken cancellationToken)
        {
            Note(_offPool, "CommitAsync");
            return _inner.CommitAsync(cancellationToken);
        }

        public Task DiscardAsync(CancellationToken cancellationToken)
        {
            Note(_offPool, "DiscardAsync");
            return _inner.DiscardAsync(cancellationToken);
        }

        public void Dispose()
        {
            Note(_offPool, "Dispose (an upload's synchronous wait, as S3Upload's)");
            _inner.Dispose();
        }
    }
}
