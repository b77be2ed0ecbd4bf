namespace FtpLite.Tls;

/// <summary>
/// Sits between an SslStream and the socket. SslStream hands its inner stream every ~32 KiB of TLS records as a write
/// of its own, and reads each record in two calls (its 5-byte header, then the rest): a 256 MiB transfer took 8,209
/// sends or 32,796 receives. This gathers writes into one send per buffer and reads ahead a buffer at a time. Whatever
/// is gathered goes out before any read (a handshake reply is never held back while we wait for the peer), when the
/// buffer fills, and on Flush.
/// </summary>
internal sealed class RecordCoalescingStream : Stream
{
    /// <summary>Read-ahead size: a few records per receive, below the large-object heap.</summary>
    private const int ReadAheadBytes = 64 * 1024;

    private readonly Stream _inner;
    private readonly byte[] _buffer;
    private int _count;
    private byte[]? _readAhead;
    private int _readStart;
    private int _readEnd;

    public RecordCoalescingStream(Stream inner, int bufferSize)
    {
        _inner = inner;
        _buffer = new byte[bufferSize];
    }

    public override bool CanRead => _inner.CanRead;
    public override bool CanWrite => _inner.CanWrite;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        if (_count + count > _buffer.Length) await SendGatheredAsync(cancellationToken).ConfigureAwait(false);
        if (!TryGather(buffer, offset, count)) await _inner.WriteAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (_count + count > _buffer.Length) SendGathered();
        if (!TryGather(buffer, offset, count)) _inner.Write(buffer, offset, count);
    }

    /// <summary>Adds a write to the buffer (which has room once full sends are done); false for one too large to gather.</summary>
    private bool TryGather(byte[] buffer, int offset, int count)
    {
        if (count >= _buffer.Length) return false;
        Buffer.BlockCopy(buffer, offset, _buffer, _count, count);
        _count += count;
        return true;
    }

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        if (_readStart < _readEnd) return TakeReadAhead(buffer, offset, count);
        await SendGatheredAsync(cancellationToken).ConfigureAwait(false);
        if (count >= ReadAheadBytes) return await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
        _readEnd = await _inner.ReadAsync(EmptiedReadAhead(), 0, ReadAheadBytes, cancellationToken).ConfigureAwait(false);
        return TakeReadAhead(buffer, offset, count);
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_readStart < _readEnd) return TakeReadAhead(buffer, offset, count);
        SendGathered();
        if (count >= ReadAheadBytes) return _inner.Read(buffer, offset, count);
        _readEnd = _inner.Read(EmptiedReadAhead(), 0, ReadAheadBytes);
        return TakeReadAhead(buffer, offset, count);
    }

    /// <summary>The read-ahead buffer, made on first use, with nothing left in it.</summary>
    private byte[] EmptiedReadAhead()
    {
        _readStart = _readEnd = 0;
        return _readAhead ??= new byte[ReadAheadBytes];
    }

    /// <summary>Copies what was read ahead (0 when the peer closed: the end of the stream).</summary>
    private int TakeReadAhead(byte[] buffer, int offset, int count)
    {
        var taken = Math.Min(count, _readEnd - _readStart);
        if (taken > 0) Buffer.BlockCopy(_readAhead!, _readStart, buffer, offset, taken);
        _readStart += taken;
        return taken;
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await SendGatheredAsync(cancellationToken).ConfigureAwait(false);
        await _inner.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Flush()
    {
        SendGathered();
        _inner.Flush();
    }

    private async Task SendGatheredAsync(CancellationToken cancellationToken)
    {
        if (_count == 0) return;
        var count = _count;
        _count = 0;
        await _inner.WriteAsync(_buffer, 0, count, cancellationToken).ConfigureAwait(false);
    }

    private void SendGathered()
    {
        if (_count == 0) return;
        var count = _count;
        _count = 0;
        _inner.Write(_buffer, 0, count);
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Closes without sending what is gathered: a transfer that ends here without a Flush was aborted.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }
}
