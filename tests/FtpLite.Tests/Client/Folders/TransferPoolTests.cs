using FtpLite.Client;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Client.Folders;

/// <summary>FtpTransferPool against our own server: order, failures in place, sessions reused, cancellation, progress.</summary>
public class TransferPoolTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly FtpTransferOptions Replace = new() { Overwrite = true };

    private static Func<CancellationToken, Task<FtpClient>> Connector(TestServer server, Action? onConnect = null) => token =>
    {
        onConnect?.Invoke();
        return FtpClient.ConnectAsync(new FtpClientOptions("127.0.0.1", server.Port), token);
    };

    private static List<FtpBatchItem> Uploads(TempFolder local, int count, int size = 3000)
    {
        var items = new List<FtpBatchItem>();
        for (var i = 0; i < count; i++)
        {
            local.WriteRandomFile($"f{i:000}.bin", size + i, seed: i);
            items.Add(new FtpBatchItem(FtpTransferDirection.Upload, local.Combine($"f{i:000}.bin"), $"/up/f{i:000}.bin"));
        }
        return items;
    }

    [Fact]
    public async Task Upload_40Files_FourSessions_ResultsInInputOrder_ByteExact_FourConnections()
    {
        await using var server = TestServer.Start();
        Directory.CreateDirectory(server.PathOf("up"));
        using var local = new TempFolder();
        var items = Uploads(local, 40);
        items.Reverse(); // Not name order: the results keep this one.
        var connects = 0;
        var pool = new FtpTransferPool(Connector(server, () => Interlocked.Increment(ref connects)), sessions: 4);

        var results = await pool.RunAsync(items, cancellationToken: Token);

        Assert.Equal(items, results.Select(r => r.Item));
        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.Message));
        foreach (var item in items) Assert.Equal(File.ReadAllBytes(item.LocalPath), File.ReadAllBytes(server.PathOf(item.RemotePath.TrimStart('/'))));
        Assert.Equal(4, connects);
        Assert.Equal(4, server.Server.Statistics.TotalSessions);
    }

    [Fact]
    public async Task Download_WalkedTree_WithLengths_ProgressTotalsAddUp()
    {
        await using var server = TestServer.Start();
        for (var i = 0; i < 12; i++) server.RootFolder.WriteRandomFile($"pub/d{i % 3}/g{i}.bin", 1000 * (i + 1), seed: i);
        using var local = new TempFolder();
        using var lister = await FtpClient.ConnectAsync(new FtpClientOptions("127.0.0.1", server.Port), Token);
        var tree = await lister.WalkAsync("/pub", cancellationToken: Token);
        foreach (var folder in tree.Where(e => e.IsDirectory)) Directory.CreateDirectory(local.Combine(folder.RelativePath));
        var items = tree.Where(e => !e.IsDirectory)
            .Select(e => new FtpBatchItem(FtpTransferDirection.Download, local.Combine(e.RelativePath), "/pub/" + e.RelativePath, Length: e.Length))
            .ToList();
        var reports = new List<FtpBatchProgress>();
        var progress = new Recorder<FtpBatchProgress>(reports);

        var results = await new FtpTransferPool(Connector(server), 3).RunAsync(items, progress, Token);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.Message));
        var total = tree.Where(e => !e.IsDirectory).Sum(e => e.Length);
        Assert.Equal(78_000, total);
        var last = reports[^1];
        Assert.Equal((12, 12, total, total), (last.FilesDone, last.FilesTotal, last.BytesDone, last.BytesTotal!.Value));
        Assert.Empty(last.Running);
        Assert.All(reports, r => Assert.Equal(total, r.BytesTotal));
        Assert.Contains(reports, r => r.Running.Count > 0);
        Assert.Equal(reports.Select(r => r.FilesDone).OrderBy(n => n), reports.Select(r => r.FilesDone)); // Never backwards.
        foreach (var item in items) Assert.Equal(File.ReadAllBytes(server.PathOf(item.RemotePath.TrimStart('/'))), File.ReadAllBytes(item.LocalPath));
    }

    [Fact]
    public async Task FailingFile_IsReportedInItsPlace_TheOthersGoOn()
    {
        await using var server = TestServer.Start();
        server.RootFolder.WriteRandomFile("up/f004.bin", 5, seed: 99); // Exists: refused without Overwrite.
        using var local = new TempFolder();
        var items = Uploads(local, 9);

        var results = await new FtpTransferPool(Connector(server), 3).RunAsync(items, cancellationToken: Token);

        for (var i = 0; i < 9; i++) Assert.Equal(i != 4, results[i].Succeeded);
        Assert.Equal(FtpErrorKind.AlreadyExists, Assert.IsType<FtpException>(results[4].Error).Kind);
        Assert.Equal(5, new FileInfo(server.PathOf("up/f004.bin")).Length);
        Assert.Equal(File.ReadAllBytes(items[8].LocalPath), File.ReadAllBytes(server.PathOf("up/f008.bin")));
    }

    [Fact]
    public async Task TwoItemsForOneTarget_TheLaterIsRefusedWithoutRunning()
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        local.WriteRandomFile("a.bin", 10, seed: 1);
        local.WriteRandomFile("b.bin", 20, seed: 2);
        var items = new[]
        {
            new FtpBatchItem(FtpTransferDirection.Upload, local.Combine("a.bin"), "/x.bin"),
            new FtpBatchItem(FtpTransferDirection.Upload, local.Combine("b.bin"), "/x.bin", Replace),
        };

        var results = await new FtpTransferPool(Connector(server), 2).RunAsync(items, cancellationToken: Token);

        Assert.True(results[0].Succeeded);
        Assert.Equal(FtpErrorKind.AlreadyExists, Assert.IsType<FtpException>(results[1].Error).Kind);
        Assert.Equal(10, new FileInfo(server.PathOf("x.bin")).Length);
    }

    [Fact]
    public async Task Cancel_StopsEverySession_Throws_AndClosesTheConnections()
    {
        await using var server = TestServer.Start();
        Directory.CreateDirectory(server.PathOf("up"));
        using var local = new TempFolder();
        var items = Uploads(local, 200, size: 20_000);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var pool = new FtpTransferPool(Connector(server), 4) { ItemCompleted = (_, _) => cancel.Cancel() };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pool.RunAsync(items, cancellationToken: cancel.Token));

        // The first file to finish cancelled the run: the sessions already moving one could finish at most that one.
        Assert.InRange(Directory.GetFiles(server.PathOf("up")).Length, 1, 8);
        var closed = false;
        for (var i = 0; i < 100 && !closed; i++)
        {
            closed = server.Server.Statistics.ActiveSessions == 0;
            if (!closed) await Task.Delay(50, Token);
        }
        Assert.True(closed, "The pool's sessions were not closed.");
    }

    [Fact]
    public async Task BrokenSession_IsReplaced_AndTheRestGoOn()
    {
        await using var server = TestServer.Start();
        Directory.CreateDirectory(server.PathOf("up"));
        using var local = new TempFolder();
        var items = Uploads(local, 10);
        var connects = 0;
        // After each file the session is cut (as a dropped connection would be): the next file needs a new one.
        var pool = new FtpTransferPool(Connector(server, () => Interlocked.Increment(ref connects)), 2,
            afterEach: (client, _, _, _) =>
            {
                client.Dispose();
                return Task.CompletedTask;
            });

        var results = await pool.RunAsync(items, cancellationToken: Token);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.Message));
        Assert.Equal(10, connects);
    }

    [Fact]
    public async Task AfterEach_RunsOnTheSameSession_AndItsFailureIsTheItemsError()
    {
        await using var server = TestServer.Start();
        Directory.CreateDirectory(server.PathOf("up"));
        using var local = new TempFolder();
        var items = Uploads(local, 4);
        var pool = new FtpTransferPool(Connector(server), 2, afterEach: async (client, item, result, token) =>
        {
            Assert.Equal(item.RemotePath, result.RemotePath);
            await client.GetSizeAsync(item.RemotePath, token);
            if (item.RemotePath.EndsWith("f002.bin", StringComparison.Ordinal)) throw new InvalidOperationException("after-each failed");
        });

        var results = await pool.RunAsync(items, cancellationToken: Token);

        Assert.Equal(new[] { true, true, false, true }, results.Select(r => r.Succeeded));
        Assert.Equal("after-each failed", results[2].Error!.Message);
        Assert.NotNull(results[2].Result); // The file itself moved.
    }

    [Fact]
    public async Task NoSessionCanConnect_EveryFileFailsInItsPlace()
    {
        using var local = new TempFolder();
        var items = Uploads(local, 3);
        var failed = 0;
        var pool = new FtpTransferPool(_ => throw new FtpException(FtpErrorKind.ConnectionFailed, "refused"), 2)
        {
            SessionFailed = (_, _) => Interlocked.Increment(ref failed),
        };

        var results = await pool.RunAsync(items, cancellationToken: Token);

        Assert.Equal(2, failed);
        Assert.All(results, r => Assert.Equal(FtpErrorKind.ConnectionLost, Assert.IsType<FtpException>(r.Error).Kind));
    }

    /// <summary>Records reports on the reporting thread, under a lock.</summary>
    private sealed class Recorder<T> : IProgress<T>
    {
        private readonly List<T> _list;

        public Recorder(List<T> list) => _list = list;

        public void Report(T value)
        {
            lock (_list) _list.Add(value);
        }
    }
}
