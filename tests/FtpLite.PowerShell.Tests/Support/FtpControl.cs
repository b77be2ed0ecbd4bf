using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FtpLite.PowerShell.Tests.Support;

/// <summary>
/// A bare FTP control connection for checking what a server started by the cmdlets allows: send a command, read the
/// reply code. Deliberately not the library's client, so these tests stand on the wire protocol alone.
/// </summary>
public sealed class FtpControl : IDisposable
{
    private readonly TcpClient _client = new();
    private readonly StreamReader _reader;
    private readonly Stream _stream;

    public FtpControl(int port)
    {
        Assert.True(_client.ConnectAsync(IPAddress.Loopback, port).Wait(TimeSpan.FromSeconds(5)), $"No connection to port {port}.");
        _stream = _client.GetStream();
        _stream.ReadTimeout = 10_000;
        _reader = new StreamReader(_stream, Encoding.UTF8);
        Greeting = ReadReply();
    }

    public string Greeting { get; }

    /// <summary>Sends one command and returns the whole reply's last line ("230 User alice logged in.").</summary>
    public string Send(string command)
    {
        var bytes = Encoding.UTF8.GetBytes(command + "\r\n");
        _stream.Write(bytes, 0, bytes.Length);
        return ReadReply();
    }

    public string Login(string user, string password)
    {
        Send("USER " + user);
        return Send("PASS " + password);
    }

    public void Dispose() => _client.Dispose();

    // A multi-line reply ends with the line that starts with the same code and a space; bounded in lines.
    private string ReadReply()
    {
        var first = _reader.ReadLine() ?? throw new IOException("The server closed the connection.");
        if (first.Length < 4 || first[3] != '-') return first;
        for (var i = 0; i < 1000; i++)
        {
            var line = _reader.ReadLine() ?? throw new IOException("The server closed the connection mid-reply.");
            if (line.StartsWith(first.Substring(0, 3) + " ", StringComparison.Ordinal)) return line;
        }
        throw new IOException("A reply of more than 1000 lines.");
    }
}
