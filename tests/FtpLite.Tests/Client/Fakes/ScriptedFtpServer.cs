using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FtpLite.Tests.Client.Fakes;

/// <summary>
/// A tiny FTP server on 127.0.0.1 whose replies a test scripts, for what real servers will not do on demand:
/// refuse EPSV, lie in HASH, never answer, or send replies nobody asked for. It serves one file for RETR.
/// </summary>
internal sealed class ScriptedFtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _sessions = new();
    private readonly Task _acceptLoop;

    public ScriptedFtpServer()
    {
        _listener.Start();
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Raw greeting, CRLFs included.</summary>
    public string Greeting { get; set; } = "220 scripted ready\r\n";

    public string Features { get; set; } = " EPSV\r\n SIZE\r\n UTF8\r\n";

    /// <summary>Raw replies by verb; a verb missing here gets the built-in answer or 502.</summary>
    public ConcurrentDictionary<string, string> Replies { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Verbs read and never answered.</summary>
    public ConcurrentDictionary<string, bool> Silent { get; } = new(StringComparer.OrdinalIgnoreCase);

    public bool RefuseEpsv { get; set; }

    public byte[] File { get; set; } = Array.Empty<byte>();

    /// <summary>What every LIST sends (raw lines, CRLFs included); null: LIST is not implemented.</summary>
    public string? Listing { get; set; }

    /// <summary>What LIST of one path sends ("LIST /d" reads key "/d"), instead of <see cref="Listing"/>.</summary>
    public ConcurrentDictionary<string, string> Listings { get; } = new(StringComparer.Ordinal);

    /// <summary>The 150 before RETR's data; some servers say the size in it ("(N bytes)"), some do not.</summary>
    public string OpeningReply { get; set; } = "150 sending";

    /// <summary>
    /// RETR sends <see cref="File"/> and then holds the data connection open, silent, while commands go on being
    /// answered: a server that stalls mid-download. ABOR is answered 226.
    /// </summary>
    public bool HoldRetrOpen { get; set; }

    /// <summary>STOR accepts the data connection and never reads from it: a server that stalls mid-upload.</summary>
    public bool HoldStorOpen { get; set; }

    /// <summary>Every command line received, in order.</summary>
    public ConcurrentQueue<string> Received { get; } = new();

    public int Count(string verb) => Received.Count(line => line.Split(' ')[0].Equals(verb, StringComparison.OrdinalIgnoreCase));

    private async Task AcceptLoopAsync()
    {
        for (var i = 0; i < 100 && !_stop.IsCancellationRequested; i++)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            lock (_sessions) _sessions.Add(Task.Run(() => SessionAsync(client)));
        }
    }

    private async Task SessionAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.UTF8);
        TcpListener? data = null;
        var held = new List<TcpClient>();
        try
        {
            await WriteAsync(stream, Greeting);
            for (var i = 0; i < 1000; i++)
            {
                var line = await reader.ReadLineAsync(_stop.Token);
                if (line is null) return;
                Received.Enqueue(line);
                var verb = line.Split(' ')[0].ToUpperInvariant();
                if (Silent.ContainsKey(verb)) continue;
                if (Replies.TryGetValue(verb, out var scripted))
                {
                    await WriteAsync(stream, scripted);
                    continue;
                }
                switch (verb)
                {
                    case "USER": await WriteAsync(stream, "331 password please\r\n"); break;
                    case "PASS": await WriteAsync(stream, "230 in\r\n"); break;
                    case "FEAT": await WriteAsync(stream, "211-Features:\r\n" + Features + "211 End\r\n"); break;
                    case "TYPE": case "OPTS": case "NOOP": await WriteAsync(stream, "200 ok\r\n"); break;
                    case "PWD": await WriteAsync(stream, "257 \"/\" is current\r\n"); break;
                    case "SIZE": await WriteAsync(stream, $"213 {File.Length}\r\n"); break;
                    case "EPSV" when RefuseEpsv: await WriteAsync(stream, "502 EPSV not implemented\r\n"); break;
                    case "EPSV":
                        data = Listen();
                        await WriteAsync(stream, $"229 Entering Extended Passive Mode (|||{((IPEndPoint)data.LocalEndpoint).Port}|)\r\n");
                        break;
                    case "PASV":
                        data = Listen();
                        var port = ((IPEndPoint)data.LocalEndpoint).Port;
                        await WriteAsync(stream, $"227 Entering Passive Mode (127,0,0,1,{port >> 8},{port & 255})\r\n");
                        break;
                    case "RETR" when data is not null && HoldRetrOpen:
                        await WriteAsync(stream, OpeningReply + "\r\n");
                        var sending = await data.AcceptTcpClientAsync(_stop.Token);
                        held.Add(sending);
                        try
                        {
                            await sending.GetStream().WriteAsync(File, _stop.Token);
                        }
                        catch (IOException)
                        {
                            // The client gave up first (a slow machine): the session goes on all the same.
                        }
                        data.Stop();
                        data = null;
                        break;
                    case "STOR" when data is not null && HoldStorOpen:
                        await WriteAsync(stream, "150 receiving\r\n");
                        held.Add(await data.AcceptTcpClientAsync(_stop.Token));
                        data.Stop();
                        data = null;
                        break;
                    case "ABOR": await WriteAsync(stream, "226 abort done\r\n"); break;
                    case "RETR" when data is not null:
                        await WriteAsync(stream, OpeningReply + "\r\n");
                        using (var connection = await data.AcceptTcpClientAsync(_stop.Token))
                            await connection.GetStream().WriteAsync(File, _stop.Token);
                        data.Stop();
                        data = null;
                        await WriteAsync(stream, "226 done\r\n");
                        break;
                    case "LIST" when data is not null && (Listing is not null || !Listings.IsEmpty):
                        var listed = Listings.TryGetValue(line.Length > 5 ? line.Substring(5) : "", out var ofPath) ? ofPath : Listing ?? "";
                        await WriteAsync(stream, "150 listing\r\n");
                        using (var connection = await data.AcceptTcpClientAsync(_stop.Token))
                            await connection.GetStream().WriteAsync(Encoding.UTF8.GetBytes(listed), _stop.Token);
                        data.Stop();
                        data = null;
                        await WriteAsync(stream, "226 done\r\n");
                        break;
                    case "STOR" when data is not null:
                        // What arrives becomes the file: SIZE and RETR tell it from then on.
                        await WriteAsync(stream, "150 receiving\r\n");
                        var stored = new MemoryStream();
                        using (var connection = await data.AcceptTcpClientAsync(_stop.Token))
                            await connection.GetStream().CopyToAsync(stored, _stop.Token);
                        File = stored.ToArray();
                        data.Stop();
                        data = null;
                        await WriteAsync(stream, "226 stored\r\n");
                        break;
                    case "QUIT":
                        await WriteAsync(stream, "221 bye\r\n");
                        return;
                    default: await WriteAsync(stream, "502 not implemented\r\n"); break;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client left, or the test ended.
        }
        finally
        {
            data?.Stop();
            foreach (var connection in held) connection.Dispose();
        }
    }

    private static TcpListener Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(1);
        return listener;
    }

    private Task WriteAsync(NetworkStream stream, string text) => stream.WriteAsync(Encoding.UTF8.GetBytes(text), _stop.Token).AsTask();

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _acceptLoop;
        Task[] sessions;
        lock (_sessions) sessions = _sessions.ToArray();
        await Task.WhenAny(Task.WhenAll(sessions), Task.Delay(TimeSpan.FromSeconds(5)));
        _stop.Dispose();
    }
}
