using System.Text;
using FtpLite.Protocol;

namespace FtpLite.Tests.Protocol;

public class ControlLineReaderTests
{
    [Fact]
    public async Task ReadsLines_CrLfAndBareLf()
    {
        var reader = Reader("USER a\r\nPASS b\nQUIT\r\n");
        Assert.Equal(new[] { "USER a", "PASS b", "QUIT" }, await ReadAll(reader));
    }

    /// <summary>
    /// The upload's "did the client die?" check asks HasBufferedData while the command loop's next read is pending; a
    /// stale answer there made a dead client's partial upload look like a pipelined command, and it was committed.
    /// </summary>
    [Fact]
    public async Task HasBufferedData_FalseWhileTheNextReadIsPending()
    {
        using var socket = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        socket.Start();
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(System.Net.IPAddress.Loopback, ((System.Net.IPEndPoint)socket.LocalEndpoint).Port);
        using var server = await socket.AcceptTcpClientAsync();
        var reader = new ControlLineReader(server.GetStream(), 512);
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes("STOR x\r\n"));

        Assert.Equal(LineStatus.Line, await reader.ReadLineAsync(default));
        var next = reader.ReadLineAsync(default);

        Assert.False(next.IsCompleted);
        Assert.False(reader.HasBufferedData);
        client.Client.Shutdown(System.Net.Sockets.SocketShutdown.Send);
        Assert.Equal(LineStatus.EndOfStream, await next);
    }

    [Fact]
    public async Task OneByteAtATime_SameLines()
    {
        var reader = new ControlLineReader(new TrickleStream(Encoding.ASCII.GetBytes("NOOP\r\nRETR x y\r\n")), 512);
        Assert.Equal(new[] { "NOOP", "RETR x y" }, await ReadAll(reader));
    }

    [Fact]
    public async Task TooLongLine_ReportedOnce_ThenTheNextLineIsClean()
    {
        var reader = Reader(new string('x', 2000) + "\r\nNOOP\r\n", maxLength: 512);
        Assert.Equal(LineStatus.TooLong, await reader.ReadLineAsync(default));
        Assert.Equal(LineStatus.Line, await reader.ReadLineAsync(default));
        Assert.Equal("NOOP", reader.Line);
    }

    [Theory]
    [InlineData(512, LineStatus.Line)]
    [InlineData(513, LineStatus.TooLong)]
    public async Task LineAtTheLimit_Accepted_OneByteMore_TooLong(int length, LineStatus expected)
    {
        var reader = Reader(new string('y', length) + "\r\n", maxLength: 512);
        Assert.Equal(expected, await reader.ReadLineAsync(default));
        if (expected == LineStatus.Line) Assert.Equal(length, reader.Line.Length);
    }

    [Fact]
    public async Task TelnetInterruptBeforeAbor_IsDropped()
    {
        var bytes = new byte[] { 255, 244, 255, 242 }.Concat(Encoding.ASCII.GetBytes("ABOR\r\n")).ToArray();
        var reader = new ControlLineReader(new MemoryStream(bytes), 512);
        Assert.Equal(LineStatus.Line, await reader.ReadLineAsync(default));
        Assert.Equal("ABOR", reader.Line);
    }

    [Fact]
    public async Task Utf8Names_Decoded()
    {
        var reader = Reader("STOR Grüße.txt\r\n");
        await reader.ReadLineAsync(default);
        Assert.Equal("STOR Grüße.txt", reader.Line);
    }

    [Fact]
    public async Task EndOfStream_Reported() => Assert.Equal(LineStatus.EndOfStream, await Reader("").ReadLineAsync(default));

    private static ControlLineReader Reader(string text, int maxLength = 4096) =>
        new(new MemoryStream(Encoding.UTF8.GetBytes(text)), maxLength);

    private static async Task<List<string>> ReadAll(ControlLineReader reader)
    {
        var lines = new List<string>();
        while (await reader.ReadLineAsync(default) == LineStatus.Line) lines.Add(reader.Line);
        return lines;
    }

    /// <summary>Gives at most one byte per read, as a slow or hostile client would.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, 1), cancellationToken);
    }
}
