using FtpLite.Tls;

namespace FtpLite.Tests.Tls;

/// <summary>The stream below a data connection's TLS: records gathered into few sends, nothing held back while waiting.</summary>
public sealed class RecordCoalescingStreamTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Records every write it is given, as the socket would see them, and answers reads from a script.</summary>
    private sealed class RecordingStream : MemoryStream
    {
        public List<int> Writes { get; } = new();

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Writes.Add(count);
            return base.WriteAsync(buffer, offset, count, cancellationToken);
        }
    }

    private static byte[] Bytes(int count, int seed) => Enumerable.Range(0, count).Select(i => (byte)(i * 7 + seed)).ToArray();

    [Fact]
    public async Task Small_Writes_Go_Out_As_One_Send_On_Flush_In_Order()
    {
        var inner = new RecordingStream();
        var gathering = new RecordCoalescingStream(inner, 64 * 1024);
        var parts = Enumerable.Range(0, 3).Select(i => Bytes(16 * 1024 + 29, i)).ToArray();

        foreach (var part in parts) await gathering.WriteAsync(part, 0, part.Length, Token);
        Assert.Empty(inner.Writes);
        await gathering.FlushAsync(Token);

        Assert.Equal(new[] { 3 * (16 * 1024 + 29) }, inner.Writes);
        Assert.Equal(parts.SelectMany(p => p).ToArray(), inner.ToArray());
    }

    [Fact]
    public async Task A_Full_Buffer_Is_Sent_Before_More_Is_Gathered()
    {
        var inner = new RecordingStream();
        var gathering = new RecordCoalescingStream(inner, 100);
        var first = Bytes(60, 1);
        var second = Bytes(60, 2);

        await gathering.WriteAsync(first, 0, first.Length, Token);
        await gathering.WriteAsync(second, 0, second.Length, Token);
        Assert.Equal(new[] { 60 }, inner.Writes);
        await gathering.FlushAsync(Token);

        Assert.Equal(new[] { 60, 60 }, inner.Writes);
        Assert.Equal(first.Concat(second).ToArray(), inner.ToArray());
    }

    [Fact]
    public async Task A_Write_Larger_Than_The_Buffer_Passes_Straight_Through_After_What_Was_Gathered()
    {
        var inner = new RecordingStream();
        var gathering = new RecordCoalescingStream(inner, 100);
        var small = Bytes(10, 1);
        var large = Bytes(500, 2);

        await gathering.WriteAsync(small, 0, small.Length, Token);
        await gathering.WriteAsync(large, 0, large.Length, Token);

        Assert.Equal(new[] { 10, 500 }, inner.Writes);
        Assert.Equal(small.Concat(large).ToArray(), inner.ToArray());
    }

    [Fact]
    public async Task What_Is_Gathered_Is_Sent_Before_A_Read_Waits_For_The_Peer()
    {
        // A handshake writes its message, then reads the answer: holding the message back would wait forever.
        var inner = new RecordingStream();
        var gathering = new RecordCoalescingStream(inner, 64 * 1024);
        var hello = Bytes(300, 3);
        await gathering.WriteAsync(hello, 0, hello.Length, Token);

        var read = await gathering.ReadAsync(new byte[16], 0, 16, Token);

        Assert.Equal(0, read); // The recording stream's position is at its end: nothing to read back.
        Assert.Equal(new[] { 300 }, inner.Writes);
        Assert.Equal(hello, inner.ToArray());
    }

    /// <summary>Counts the reads asked of it.</summary>
    private sealed class ReadCountingStream : MemoryStream
    {
        public ReadCountingStream(byte[] content) : base(content) { }

        public int Reads { get; private set; }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Reads++;
            return base.ReadAsync(buffer, offset, count, cancellationToken);
        }
    }

    [Fact]
    public async Task Small_Reads_Are_Served_From_One_Receive_Then_The_End_Is_Seen()
    {
        var content = Bytes(10_000, 4);
        var inner = new ReadCountingStream(content);
        var gathering = new RecordCoalescingStream(inner, 64 * 1024);
        var received = new MemoryStream();
        var piece = new byte[5]; // A TLS record header's size: SslStream's first read of every record.
        int read;
        while ((read = await gathering.ReadAsync(piece, 0, piece.Length, Token)) > 0) received.Write(piece, 0, read);

        Assert.Equal(content, received.ToArray());
        Assert.Equal(2, inner.Reads); // One that took all 10,000 bytes, one that saw the end.
    }

    [Fact]
    public async Task A_Read_As_Large_As_The_Read_Ahead_Goes_Straight_Through()
    {
        var content = Bytes(200_000, 6);
        var inner = new ReadCountingStream(content);
        var gathering = new RecordCoalescingStream(inner, 64 * 1024);
        var buffer = new byte[128 * 1024];

        var read = await gathering.ReadAsync(buffer, 0, buffer.Length, Token);

        Assert.Equal(buffer.Length, read);
        Assert.Equal(1, inner.Reads);
        Assert.Equal(content.Take(read).ToArray(), buffer);
    }

    [Fact]
    public async Task Over_Tls_An_Upload_Arrives_Whole_In_Fewer_Receives_Than_Records()
    {
        var payload = Bytes(3 * 1024 * 1024 + 17, 7);

        var (received, socket) = await OverTlsAsync(
            async ssl =>
            {
                var into = new MemoryStream();
                await ssl.CopyToAsync(into, 81920, Token);
                return into.ToArray();
            },
            async tls =>
            {
                await tls.WriteAsync(payload, 0, payload.Length, Token);
                await TlsStreams.ShutdownAsync(tls);
                return true;
            });

        Assert.Equal(payload, received);
        var records = payload.Length / (16 * 1024);
        Assert.True(socket.Reads < records, $"{socket.Reads} receives for {records} records");
    }

    [Fact]
    public async Task Over_Tls_A_Large_Transfer_Arrives_Whole_In_Fewer_Sends_Than_Records()
    {
        var payload = Bytes(3 * 1024 * 1024 + 17, 5);
        byte[] received = Array.Empty<byte>();

        var (_, socket) = await OverTlsAsync(
            async ssl =>
            {
                await ssl.WriteAsync(payload, 0, payload.Length, Token);
                await TlsStreams.ShutdownAsync(ssl);
                return true;
            },
            async tls =>
            {
                var into = new MemoryStream();
                await tls.CopyToAsync(into, Token);
                received = into.ToArray();
                return true;
            });

        Assert.Equal(payload, received);
        var records = payload.Length / (16 * 1024);
        Assert.True(socket.Writes < records / 4, $"{socket.Writes} sends for {records} records");
    }

    /// <summary>
    /// A TLS connection over loopback: our server side (SslStream over the gathering stream over a counted socket) runs
    /// <paramref name="server"/>, a plain SslStream client runs <paramref name="client"/>. Returns the server's result and
    /// the socket's counts.
    /// </summary>
    private static async Task<(T Result, CountingStream Socket)> OverTlsAsync<T>(
        Func<System.Net.Security.SslStream, Task<T>> server, Func<System.Net.Security.SslStream, Task<bool>> client)
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var serverSide = Task.Run(async () =>
        {
            using var accepted = await listener.AcceptTcpClientAsync(Token);
            var counting = new CountingStream(accepted.GetStream());
            using var ssl = await TlsStreams.AuthenticateAsServerAsync(
                TlsStreams.GatherRecords(counting), FtpLite.Tests.Support.TestCertificate.Value, TimeSpan.FromSeconds(10), Token);
            return (await server(ssl), counting);
        }, Token);

        using var connection = new System.Net.Sockets.TcpClient();
        await connection.ConnectAsync(System.Net.IPAddress.Loopback, port, Token);
        using var tls = new System.Net.Security.SslStream(connection.GetStream(), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync("localhost");
        await client(tls);
        connection.Client.Shutdown(System.Net.Sockets.SocketShutdown.Send);
        return await serverSide;
    }

    /// <summary>Counts the writes and reads that reach the socket.</summary>
    private sealed class CountingStream : Stream
    {
        private readonly Stream _inner;

        public CountingStream(Stream inner) => _inner = inner;

        public int Writes { get; private set; }

        public int Reads { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => _inner.Flush();
        public override int Read(byte[] buffer, int offset, int count)
        {
            Reads++;
            return _inner.Read(buffer, offset, count);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Reads++;
            return _inner.ReadAsync(buffer, offset, count, cancellationToken);
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes++;
            _inner.Write(buffer, offset, count);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Writes++;
            return _inner.WriteAsync(buffer, offset, count, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
