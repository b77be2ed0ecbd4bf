using System.Diagnostics;
using FtpLite.Client;

namespace FtpLite.Bench;

/// <summary>
/// `client get|put|mget|mput`: FtpLite's own client (FtpLite.Client.FtpClient) doing what curl, lftp and ncftp do in
/// the client rows. Timed in-process from connect to disconnect (a long-lived host such as PowerShell pays no start-up).
/// Progress is on, as a user watching a transfer has it (the target says so); `--no-progress` turns it off, to measure
/// what it costs.
/// </summary>
public static class ClientCommands
{
    public static async Task<int> RunAsync(Args args)
    {
        var action = args.Text("--do") ?? throw new ArgumentException("client: give --do get|put|mget|mput");
        Watcher = args.Flag("--no-progress") ? null : new ProgressWatcher();
        var clock = Stopwatch.StartNew();
        long count = action switch
        {
            "get" => await GetAsync(args),
            "put" => await PutAsync(args),
            "mget" => await ManyGetAsync(args),
            "mput" => await ManyPutAsync(args),
            _ => throw new ArgumentException("client: --do get|put|mget|mput"),
        };
        Console.WriteLine($"RESULT client_seconds {clock.Elapsed.TotalSeconds:F4}");
        Console.WriteLine($"RESULT client_count {count}");
        Console.WriteLine($"RESULT progress_reports {Watcher?.Reports ?? 0}");
        return 0;
    }

    /// <summary>What a progress bar does with a report: keeps the latest one. Null with --no-progress.</summary>
    private static ProgressWatcher? Watcher;

    private sealed class ProgressWatcher : IProgress<FtpTransferProgress>
    {
        private long _reports;

        public long Reports => Interlocked.Read(ref _reports);

        public FtpTransferProgress? Latest { get; private set; }

        public void Report(FtpTransferProgress value)
        {
            Latest = value;
            Interlocked.Increment(ref _reports);
        }
    }

    private static Task<FtpClient> ConnectAsync(Args args)
    {
        var (user, password) = LoadCommands.Credentials(args);
        return FtpClient.ConnectAsync(new FtpClientOptions("127.0.0.1", args.Int("--port", 21)) { UserName = user, Password = password });
    }

    private static readonly FtpTransferOptions Replace = new() { Overwrite = true };

    private static async Task<long> GetAsync(Args args)
    {
        using var client = await ConnectAsync(args);
        var bytes = await client.DownloadAsync(args.Required("--path"), Stream.Null, progress: Watcher);
        await client.DisconnectAsync();
        return bytes;
    }

    private static async Task<long> PutAsync(Args args)
    {
        using var client = await ConnectAsync(args);
        await using var source = new FileStream(args.Required("--local"), FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var bytes = await client.UploadAsync(source, args.Required("--path"), progress: Watcher);
        await client.DisconnectAsync();
        return bytes;
    }

    /// <summary>Lists the remote folder once, then N sessions share out its files.</summary>
    private static async Task<long> ManyGetAsync(Args args)
    {
        var remote = args.Required("--path");
        var local = args.Required("--local");
        Directory.CreateDirectory(local);
        IReadOnlyList<FtpListItem> items;
        using (var lister = await ConnectAsync(args))
        {
            items = await lister.ListAsync(remote);
            await lister.DisconnectAsync();
        }
        var files = items.Where(i => i.Type == FtpItemType.File).Select(i => i.Name).ToList();
        await InParallelAsync(args, files, (client, name) =>
            client.DownloadFileAsync(remote + "/" + name, Path.Combine(local, name), Replace, Watcher));
        return files.Count;
    }

    private static async Task<long> ManyPutAsync(Args args)
    {
        var remote = args.Required("--path");
        var files = Directory.GetFiles(args.Required("--local"));
        using (var maker = await ConnectAsync(args))
        {
            await maker.CreateDirectoryAsync(remote);
            await maker.DisconnectAsync();
        }
        await InParallelAsync(args, files, (client, file) =>
            client.UploadFileAsync(file, remote + "/" + Path.GetFileName(file), Replace, Watcher));
        return files.Length;
    }

    private static async Task InParallelAsync(Args args, IReadOnlyList<string> work, Func<FtpClient, string, Task> action)
    {
        var sessions = Math.Max(1, args.Int("--parallel", 1));
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, sessions).Select(async _ =>
        {
            using var client = await ConnectAsync(args);
            for (var i = Interlocked.Increment(ref next); i < work.Count; i = Interlocked.Increment(ref next))
                await action(client, work[i]);
            await client.DisconnectAsync();
        }));
    }
}
