using System.Diagnostics;

namespace FtpLite.Bench;

/// <summary>The server-side load drivers: many clients at once, login latency, and idle sessions held.</summary>
public static class LoadCommands
{
    /// <summary>`swarm`: N clients at once, each connect, login, LIST, RETR a file, QUIT. Prints wall seconds and failures.</summary>
    public static async Task<int> SwarmAsync(Args args)
    {
        var port = args.Int("--port", 21);
        var clients = args.Int("--clients", 100);
        var file = args.Required("--file");
        var (user, password) = Credentials(args);
        ThreadPool.SetMinThreads(clients + 8, clients + 8);
        var failures = 0;
        var errors = new List<string>();
        var start = new TaskCompletionSource();
        var tasks = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            try
            {
                var (ftp, greeting) = await RawFtp.ConnectAsync(port);
                using (ftp)
                {
                    if (greeting != 220) throw new IOException($"greeting {greeting}");
                    await ftp.LoginAsync(user, password);
                    await ftp.ExpectAsync("TYPE I", 200, 299);
                    await ftp.ReceiveAsync("LIST");
                    var bytes = await ftp.ReceiveAsync("RETR " + file);
                    if (bytes != args.Int("--size", 1 << 20)) throw new IOException($"RETR gave {bytes} bytes");
                    await ftp.QuitAsync();
                }
            }
            catch (Exception e)
            {
                Interlocked.Increment(ref failures);
                lock (errors) errors.Add(e.Message);
            }
        })).ToArray();
        var clock = Stopwatch.StartNew();
        start.SetResult();
        await Task.WhenAll(tasks);
        var seconds = clock.Elapsed.TotalSeconds;
        foreach (var message in errors.Distinct().Take(3)) Console.Error.WriteLine("swarm: " + message);
        Console.WriteLine($"RESULT swarm_seconds {seconds:F4}");
        Console.WriteLine($"RESULT swarm_failures {failures}");
        return 0;
    }

    /// <summary>`latency`: connect+USER+PASS+PWD+QUIT one after another; prints the median in milliseconds.</summary>
    public static async Task<int> LatencyAsync(Args args)
    {
        var port = args.Int("--port", 21);
        var count = args.Int("--count", 200);
        var (user, password) = Credentials(args);
        // A slow server (ProFTPD: ~200 ms a login) stops early, after at least 20 logins, once the budget is spent.
        var budget = TimeSpan.FromSeconds(args.Int("--budget-seconds", 5));
        for (var i = 0; i < 10; i++) await LoginRoundTripAsync(port, user, password); // Warm-up, not counted.
        var times = new List<double>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count && (i < 20 || clock.Elapsed < budget); i++) times.Add(await LoginRoundTripAsync(port, user, password) ?? double.NaN);
        Console.WriteLine($"RESULT login_ms {Median(times):F4}");
        return 0;
    }

    /// <summary>
    /// `idle`: holds N logged-in sessions, then reports the growth of the server's resident memory (the process
    /// and all its descendants: forking servers count every session process) per session, and a new login's time.
    /// </summary>
    public static async Task<int> IdleAsync(Args args)
    {
        var port = args.Int("--port", 21);
        var sessions = args.Int("--sessions", 1000);
        var pid = args.Int("--pid", 0);
        var (user, password) = Credentials(args);
        for (var i = 0; i < 10; i++) await LoginRoundTripAsync(port, user, password);
        await Task.Delay(500);
        var before = ProcessTree.ResidentKiB(pid);

        var held = new List<RawFtp>();
        var failed = 0;
        var gate = new SemaphoreSlim(32);
        await Task.WhenAll(Enumerable.Range(0, sessions).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                var (ftp, greeting) = await RawFtp.ConnectAsync(port);
                if (greeting != 220) { ftp.Dispose(); Interlocked.Increment(ref failed); return; }
                await ftp.LoginAsync(user, password);
                lock (held) held.Add(ftp);
            }
            catch (Exception)
            {
                Interlocked.Increment(ref failed);
            }
            finally
            {
                gate.Release();
            }
        }));
        await Task.Delay(1000);
        var during = ProcessTree.ResidentKiB(pid);
        var logins = new List<double>();
        for (var i = 0; i < 21; i++) logins.Add(await LoginRoundTripAsync(port, user, password) ?? double.NaN);
        foreach (var ftp in held) ftp.Dispose();

        Console.WriteLine($"RESULT idle_held {held.Count}");
        Console.WriteLine($"RESULT idle_failed {failed}");
        Console.WriteLine($"RESULT idle_rss_before_kib {before}");
        Console.WriteLine($"RESULT idle_rss_held_kib {during}");
        Console.WriteLine($"RESULT idle_kib_per_session {(held.Count == 0 ? double.NaN : (during - before) / (double)held.Count):F2}");
        Console.WriteLine($"RESULT idle_login_ms {Median(logins):F4}");
        return 0;
    }

    /// <summary>Connect, log in, PWD, QUIT: milliseconds, or null when the server refused (421).</summary>
    private static async Task<double?> LoginRoundTripAsync(int port, string user, string password)
    {
        var clock = Stopwatch.StartNew();
        var (ftp, greeting) = await RawFtp.ConnectAsync(port);
        using (ftp)
        {
            if (greeting != 220) return null;
            await ftp.LoginAsync(user, password);
            await ftp.ExpectAsync("PWD", 257, 257);
            await ftp.QuitAsync();
        }
        return clock.Elapsed.TotalMilliseconds;
    }

    internal static (string User, string Password) Credentials(Args args) =>
        (args.Text("--user") ?? "anonymous", args.Text("--pass") ?? "bench@");

    internal static double Median(List<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).OrderBy(v => v).ToList();
        return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
    }
}

/// <summary>Resident memory of a process and its descendants, from /proc.</summary>
public static class ProcessTree
{
    public static long ResidentKiB(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1]);
            }
            catch (IOException) { /* Gone meanwhile. */ }
        }
        var tree = new HashSet<int> { root };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (pid, parent) in parents)
                if (tree.Contains(parent) && tree.Add(pid)) grew = true;
        }
        long total = 0;
        foreach (var pid in tree)
        {
            try
            {
                var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                if (line is not null) total += long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
            }
            catch (IOException) { }
        }
        return total;
    }
}
