using System.Net;
using System.Net.Sockets;
using System.Text;
using FtpLite.Protocol;

namespace FtpLite.Tests.Support;

/// <summary>
/// A bare control connection for tests that must see the wire: send one line, read one reply. Every read has a
/// deadline, so a server that fails to answer fails the test instead of hanging it.
/// </summary>
public sealed class RawFtpConnection : IDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);
    private readonly TcpClient _client;
    private Stream _stream;
    private StreamReader _reader;

    private RawFtpConnection(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _reader = new StreamReader(_stream, new UTF8Encoding(false));
    }

    /// <summary>Connects and reads the greeting; <paramref name="localAddress"/> picks the source address (127.0.0.2 plays a foreign host).</summary>
    public static async Task<RawFtpConnection> ConnectAsync(IPEndPoint server, IPAddress? localAddress = null, bool implicitTls = false)
    {
        var client = new TcpClient(new IPEndPoint(localAddress ?? (server.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback), 0));
        await client.ConnectAsync(server.Address, server.Port);
        var connection = new RawFtpConnection(client);
        if (implicitTls) await connection.StartTlsAsync();
        connection.Greeting = await connection.ReadReplyAsync();
        return connection;
    }

    /// <summary>Wrap data connections in TLS (after PROT P).</summary>
    public bool ProtectData { get; set; }

    /// <summary>Sends AUTH TLS and, on 234, runs the handshake (any certificate accepted: tests use self-signed ones).</summary>
    public async Task<FtpReply> AuthTlsAsync()
    {
        var reply = await CommandAsync("AUTH TLS");
        if (reply.Code == 234) await StartTlsAsync();
        return reply;
    }

    private async Task StartTlsAsync()
    {
        _stream = await Protect(_stream);
        _reader = new StreamReader(_stream, new UTF8Encoding(false));
    }

    private static async Task<Stream> Protect(Stream inner)
    {
        var ssl = new System.Net.Security.SslStream(inner, false, (_, _, _, _) => true);
        await ssl.AuthenticateAsClientAsync("127.0.0.1");
        return ssl;
    }

    public FtpReply Greeting { get; private set; } = new(220, "");

    public async Task SendAsync(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\r\n");
        await _stream.WriteAsync(bytes);
    }

    public async Task SendRawAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

    public async Task<FtpReply> CommandAsync(string line)
    {
        await SendAsync(line);
        return await ReadReplyAsync();
    }

    /// <summary>Reads one reply, multi-line ones whole. Throws on end of stream or after the deadline.</summary>
    public async Task<FtpReply> ReadReplyAsync()
    {
        using var deadline = new CancellationTokenSource(ReadTimeout);
        var first = await _reader.ReadLineAsync(deadline.Token) ?? throw new EndOfStreamException("The server closed the control connection.");
        if (first.Length < 4 || !int.TryParse(first.Substring(0, 3), out var code)) throw new InvalidDataException("Not a reply: " + first);
        var lines = new List<string> { first.Substring(4) };
        if (first[3] == '-')
        {
            while (true)
            {
                var line = await _reader.ReadLineAsync(deadline.Token) ?? throw new EndOfStreamException("The reply was cut off.");
                if (line.StartsWith(first.Substring(0, 3) + " ", StringComparison.Ordinal))
                {
                    lines.Add(line.Substring(4));
                    break;
                }
                lines.Add(line);
            }
        }
        return new FtpReply(code, lines);
    }

    /// <summary>True when the server has closed the connection (reads end of stream within the deadline).</summary>
    public async Task<bool> IsClosedByServerAsync()
    {
        using var deadline = new CancellationTokenSource(ReadTimeout);
        try
        {
            while (await _reader.ReadLineAsync(deadline.Token) is not null) { }
            return true;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public async Task LoginAsync(string user = "anonymous", string password = "test@example.com")
    {
        var reply = await CommandAsync("USER " + user);
        if (reply.Code == 331) reply = await CommandAsync("PASS " + password);
        if (reply.Code != 230) throw new InvalidOperationException("Login failed: " + reply);
    }

    /// <summary>Sends EPSV and connects to the announced port.</summary>
    public async Task<TcpClient> OpenPassiveAsync(IPAddress? localAddress = null)
    {
        var reply = await CommandAsync("EPSV");
        if (reply.Code != 229 || !HostPortCodec.TryParseEpsvReply(reply.Message, out var port)) throw new InvalidOperationException("EPSV failed: " + reply);
        var server = (IPEndPoint)_client.Client.RemoteEndPoint!;
        var data = new TcpClient(new IPEndPoint(localAddress ?? IPAddress.Loopback, 0));
        await data.ConnectAsync(server.Address, port);
        return data;
    }

    /// <summary>Runs a command that sends data to us (LIST, RETR…) and returns the bytes and the final reply.</summary>
    public async Task<(byte[] Data, FtpReply Reply)> DownloadAsync(string command)
    {
        using var data = await OpenPassiveAsync();
        var preliminary = await CommandAsync(command);
        if (preliminary.Code != 150) return (Array.Empty<byte>(), preliminary);
        using var buffer = new MemoryStream();
        using var deadline = new CancellationTokenSource(ReadTimeout);
        await using var stream = ProtectData ? await Protect(data.GetStream()) : data.GetStream();
        await stream.CopyToAsync(buffer, deadline.Token);
        return (buffer.ToArray(), await ReadReplyAsync());
    }

    public async Task<string> ListAsync(string command) => Encoding.UTF8.GetString((await DownloadAsync(command)).Data);

    /// <summary>Uploads <paramref name="content"/> with STOR (or APPE…) and returns the final reply.</summary>
    public async Task<FtpReply> UploadAsync(string command, byte[] content)
    {
        using var data = await OpenPassiveAsync();
        var preliminary = await CommandAsync(command);
        if (preliminary.Code != 150) return preliminary;
        if (ProtectData)
        {
            await using var ssl = (System.Net.Security.SslStream)await Protect(data.GetStream());
            await ssl.WriteAsync(content);
            await ssl.ShutdownAsync();
            // Read to the server's close_notify before closing: closing with its TLS 1.3 session tickets unread
            // would reset the connection, and a reset may throw away the last bytes sent.
            using var deadline = new CancellationTokenSource(ReadTimeout);
            await ssl.CopyToAsync(Stream.Null, deadline.Token);
        }
        else
        {
            try
            {
                await data.GetStream().WriteAsync(content);
                data.Client.Shutdown(SocketShutdown.Send);
            }
            catch (IOException)
            {
                // The server ended the transfer early (a full disk, an abort): its reply says why.
            }
        }
        return await ReadReplyAsync();
    }

    public void Dispose()
    {
        _reader.Dispose();
        _client.Dispose();
    }
}
