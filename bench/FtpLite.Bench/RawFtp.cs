using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FtpLite.Bench;

/// <summary>
/// A deliberately small FTP control connection on raw sockets, so the load drivers cost every server the same and
/// measure the server, not a client library: commands, (multi-line) replies, PASV, and draining a data connection.
/// </summary>
public sealed class RawFtp : IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;

    private RawFtp(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _reader = new StreamReader(_stream, Encoding.ASCII, false, 4096);
    }

    public static TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Connects and reads the greeting; its reply code comes back too (421 when the server is full).</summary>
    public static async Task<(RawFtp Ftp, int Greeting)> ConnectAsync(int port)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            using var deadline = new CancellationTokenSource(Timeout);
            await client.ConnectAsync(IPAddress.Loopback, port, deadline.Token);
            var ftp = new RawFtp(client);
            var (code, _) = await ftp.ReadReplyAsync();
            return (ftp, code);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>USER then PASS; throws unless the server says 230.</summary>
    public async Task LoginAsync(string user, string password)
    {
        var (code, text) = await CommandAsync("USER " + user);
        if (code == 331) (code, text) = await CommandAsync("PASS " + password);
        if (code != 230) throw new IOException($"login refused: {code} {text}");
    }

    public async Task<(int Code, string Text)> CommandAsync(string command)
    {
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"));
        return await ReadReplyAsync();
    }

    public async Task<int> ExpectAsync(string command, int low, int high)
    {
        var (code, text) = await CommandAsync(command);
        if (code < low || code > high) throw new IOException($"{command.Split(' ')[0]}: {code} {text}");
        return code;
    }

    /// <summary>Runs a data command (LIST, RETR) over PASV and returns the bytes received.</summary>
    public async Task<long> ReceiveAsync(string command)
    {
        var (code, text) = await CommandAsync("PASV");
        if (code != 227) throw new IOException($"PASV: {code} {text}");
        var port = PassivePort(text);
        using var data = new TcpClient();
        using var deadline = new CancellationTokenSource(Timeout);
        await data.ConnectAsync(IPAddress.Loopback, port, deadline.Token);
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"));
        var (start, startText) = await ReadReplyAsync();
        if (start is not (125 or 150)) throw new IOException($"{command}: {start} {startText}");
        var buffer = new byte[64 * 1024];
        long total = 0;
        var stream = data.GetStream();
        int read;
        while ((read = await stream.ReadAsync(buffer, deadline.Token)) > 0) total += read;
        var (end, endText) = await ReadReplyAsync();
        if (end != 226 && end != 250) throw new IOException($"{command} end: {end} {endText}");
        return total;
    }

    public async Task QuitAsync()
    {
        try { await CommandAsync("QUIT"); }
        catch (IOException) { /* The server may close first. */ }
    }

    private static int PassivePort(string text)
    {
        var open = text.IndexOf('(');
        var close = text.IndexOf(')', open + 1);
        var numbers = (open >= 0 && close > open ? text[(open + 1)..close] : text).Split(',');
        return int.Parse(numbers[4].Trim()) * 256 + int.Parse(numbers[5].Trim());
    }

    private async Task<(int Code, string Text)> ReadReplyAsync()
    {
        using var deadline = new CancellationTokenSource(Timeout);
        var first = await _reader.ReadLineAsync(deadline.Token) ?? throw new IOException("connection closed");
        if (first.Length < 3 || !int.TryParse(first.AsSpan(0, 3), out var code)) throw new IOException("bad reply: " + first);
        if (first.Length > 3 && first[3] == '-')
        {
            var end = first[..3] + " ";
            string? line;
            do line = await _reader.ReadLineAsync(deadline.Token) ?? throw new IOException("connection closed");
            while (!line.StartsWith(end, StringComparison.Ordinal));
        }
        return (code, first.Length > 4 ? first[4..] : "");
    }

    public void Dispose() => _client.Dispose();
}
