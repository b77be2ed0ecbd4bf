using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FtpLite.Stress;

/// <summary>What holding many idle sessions cost the server.</summary>
public sealed record IdleReport(int Requested, int Held, int Refused421, long ServerRssBeforeKiB, long ServerRssHeldKiB, double KiBPerSession, double NewLoginMedianMs, double NewLoginMaxMs, int NewLoginsRefused);

/// <summary>
/// Starts the server in a child process (so its memory is its own), opens and logs in many sessions from this one,
/// then measures the server's resident memory and how fast a new client logs in while they are held.
/// </summary>
public static class IdleRun
{
    public static async Task<IdleReport> RunAsync(int sessions, int maxSessions, TextWriter log)
    {
        using var host = ServerProcess.Start(maxSessions);
        // Warm up: the first session pays for JIT and the first allocations, which are not a per-session cost.
        for (var i = 0; i < 20; i++) await LoginRoundTripAsync(host.EndPoint);
        await Task.Delay(500);
        var before = host.ResidentKiB();

        var held = new List<(TcpClient Client, StreamReader Reader)>();
        var refused = 0;
        var gate = new SemaphoreSlim(64);
        var tasks = Enumerable.Range(0, sessions).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                var client = new TcpClient();
                await client.ConnectAsync(host.EndPoint);
                var stream = client.GetStream();
                var reader = new StreamReader(stream, Encoding.ASCII);
                var greeting = await ReadLineAsync(reader);
                if (greeting.StartsWith("421", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref refused);
                    client.Dispose();
                    return;
                }
                await stream.WriteAsync(Encoding.ASCII.GetBytes("USER anonymous\r\nPASS idle@\r\n"));
                await ReadLineAsync(reader);
                if (!(await ReadLineAsync(reader)).StartsWith("230", StringComparison.Ordinal)) throw new InvalidOperationException("login failed");
                lock (held) held.Add((client, reader));
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(tasks);
        log.WriteLine($"holding {held.Count} sessions ({refused} refused with 421)");
        await Task.Delay(1000);
        var during = host.ResidentKiB();

        // At the limit a new client is answered 421 at once: counted, not timed.
        var logins = new List<double>();
        var newRefused = 0;
        for (var i = 0; i < 21; i++)
        {
            var probe = await LoginRoundTripAsync(host.EndPoint);
            if (probe is double ms) logins.Add(ms);
            else newRefused++;
        }
        logins.Sort();

        foreach (var (client, _) in held) client.Dispose();
        return new IdleReport(sessions, held.Count, refused, before, during,
            held.Count == 0 ? 0 : (during - before) / (double)held.Count,
            logins.Count == 0 ? double.NaN : logins[logins.Count / 2], logins.Count == 0 ? double.NaN : logins[^1], newRefused);
    }

    /// <summary>Connect, log in, PWD, QUIT: milliseconds; null when the server answered 421 (full).</summary>
    public static async Task<double?> LoginRoundTripAsync(IPEndPoint server)
    {
        var watch = Stopwatch.StartNew();
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(server);
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.ASCII);
        if ((await ReadLineAsync(reader)).StartsWith("421", StringComparison.Ordinal)) return null;
        await stream.WriteAsync(Encoding.ASCII.GetBytes("USER anonymous\r\n"));
        await ReadLineAsync(reader);
        await stream.WriteAsync(Encoding.ASCII.GetBytes("PASS x\r\n"));
        if (!(await ReadLineAsync(reader)).StartsWith("230", StringComparison.Ordinal)) throw new InvalidOperationException("login failed");
        await stream.WriteAsync(Encoding.ASCII.GetBytes("PWD\r\n"));
        await ReadLineAsync(reader);
        await stream.WriteAsync(Encoding.ASCII.GetBytes("QUIT\r\n"));
        await ReadLineAsync(reader);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static async Task<string> ReadLineAsync(StreamReader reader)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await reader.ReadLineAsync(deadline.Token) ?? throw new IOException("closed");
    }
}

/// <summary>This program re-run as `host`: a server alone in its process, told its port on stdout, stopped by closing stdin.</summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, IPEndPoint endPoint)
    {
        _process = process;
        EndPoint = endPoint;
    }

    public IPEndPoint EndPoint { get; }

    public static ServerProcess Start(int maxSessions, string? root = null)
    {
        // Always through `dotnet`, so that this works the same when called from a test host.
        var arguments = $"\"{typeof(ServerProcess).Assembly.Location}\" host --max-sessions {maxSessions}" + (root is null ? "" : $" --root \"{root}\"");
        var process = Process.Start(new ProcessStartInfo("dotnet", arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var line = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The server process said nothing.");
        var port = int.Parse(line.Split(' ')[1]);
        return new ServerProcess(process, new IPEndPoint(IPAddress.Loopback, port));
    }

    /// <summary>The server process's resident memory (VmRSS), in KiB.</summary>
    public long ResidentKiB()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
    }

    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(10_000)) _process.Kill();
        _process.Dispose();
    }
}
