using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using FtpLite.Server;

namespace FtpLite.Stress;

/// <summary>What a fuzz run saw.</summary>
public sealed record FuzzReport(long Lines, long Replies, long Reconnects, long SessionFailures, long HeapBeforeBytes, long HeapAfterBytes, bool HealthyAfter, TimeSpan Duration);

/// <summary>
/// Sends fuzzed lines from several connections at a live server on loopback. Each connection writes a line and reads
/// whatever comes back within a short wait; the server must neither crash, hang, nor grow, and must serve a normal
/// client afterwards.
/// </summary>
public static class FuzzRun
{
    public static async Task<FuzzReport> RunAsync(long lines, int clients, int seed, TextWriter log)
    {
        var root = Directory.CreateTempSubdirectory("ftplite-fuzz-").FullName;
        var options = new FtpServerOptions
        {
            Root = root,
            Port = 0,
            FailedLoginDelay = TimeSpan.Zero,
            MaxFailedLogins = 1000,
            MaxFailedLoginsPerAddress = int.MaxValue, // Fuzzing the parser, not the login throttle: all clients share 127.0.0.1.
            DataConnectionTimeout = TimeSpan.FromMilliseconds(200),
            MaxSessionsPerAddress = clients + 10,
        };
        var server = new FtpServer(options);
        long failures = 0;
        server.Activity += (_, e) =>
        {
            if (e.Kind == FtpServerEventKind.Error && e.Message.StartsWith("session failed", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref failures);
                log.WriteLine("server: " + e.Message);
            }
        };
        server.Start();
        var heapBefore = Heap();
        var watch = Stopwatch.StartNew();
        long sent = 0, replies = 0, reconnects = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var fuzzer = new LineFuzzer(seed + c);
            var buffer = new byte[64 * 1024];
            Socket? socket = null;
            // Bounded by the count of lines delivered: a line lost to a closed connection is sent again on the next one.
            for (long i = 0; Interlocked.Read(ref sent) < lines; i++)
            {
                if (socket is null)
                {
                    socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    await socket.ConnectAsync(server.EndPoint);
                    Interlocked.Increment(ref reconnects);
                }
                try
                {
                    await socket.SendAsync(fuzzer.Next(), SocketFlags.None);
                    Interlocked.Increment(ref sent);
                    // Read what is there after a brief pause; a line may have no answer (a lone CR) or several.
                    if (i % 16 == 15 || socket.Available > 0)
                    {
                        using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(i % 16 == 15 ? 300 : 1));
                        try
                        {
                            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, wait.Token);
                            if (read == 0) throw new SocketException((int)SocketError.ConnectionReset);
                            Interlocked.Add(ref replies, CountReplies(buffer, read));
                        }
                        catch (OperationCanceledException)
                        {
                        }
                    }
                }
                catch (SocketException)
                {
                    socket.Dispose(); // QUIT, a 421, or too many failed logins: connect again.
                    socket = null;
                }
            }
            socket?.Dispose();
        })));
        watch.Stop();
        var healthy = await HealthyAsync(server.EndPoint);
        await server.StopAsync(TimeSpan.FromSeconds(5));
        var heapAfter = Heap();
        Directory.Delete(root, recursive: true);
        return new FuzzReport(sent, replies, reconnects, failures, heapBefore, heapAfter, healthy, watch.Elapsed);
    }

    /// <summary>A normal client can still log in, upload, download and quit.</summary>
    public static async Task<bool> HealthyAsync(IPEndPoint server)
    {
        try
        {
            using var control = new TcpClient();
            await control.ConnectAsync(server);
            var stream = control.GetStream();
            var reader = new StreamReader(stream, Encoding.UTF8);
            async Task<string> Say(string line)
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"));
                return await ReadReplyAsync(reader);
            }
            await ReadReplyAsync(reader);
            if (!(await Say("USER anonymous")).StartsWith("331")) return false;
            if (!(await Say("PASS x")).StartsWith("230")) return false;
            var epsv = await Say("EPSV");
            var port = int.Parse(epsv.Split('|')[3]);
            using (var data = new TcpClient())
            {
                await data.ConnectAsync(server.Address, port);
                if (!(await Say("STOR health.txt")).StartsWith("150")) return false;
                await data.GetStream().WriteAsync(Encoding.ASCII.GetBytes("healthy"));
            }
            if (!(await ReadReplyAsync(reader)).StartsWith("226")) return false;
            return (await Say("SIZE health.txt")).StartsWith("213 7") && (await Say("QUIT")).StartsWith("221");
        }
        catch (Exception e) when (e is IOException or SocketException or FormatException or IndexOutOfRangeException)
        {
            return false;
        }
    }

    private static async Task<string> ReadReplyAsync(StreamReader reader)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var line = await reader.ReadLineAsync(deadline.Token) ?? throw new IOException("closed");
        while (line.Length >= 4 && line[3] == '-')
        {
            var code = line.Substring(0, 3);
            do line = await reader.ReadLineAsync(deadline.Token) ?? throw new IOException("closed");
            while (!line.StartsWith(code + " ", StringComparison.Ordinal));
        }
        return line;
    }

    private static long CountReplies(byte[] buffer, int length)
    {
        long count = 0;
        for (var i = 0; i < length; i++) if (buffer[i] == (byte)'\n') count++;
        return count;
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
