namespace FtpLite.Tls;

/// <summary>
/// Sits between an SslStream and the socket. SslStream hands its inner stream every TLS record (at most 16 KiB) as a
/// write of its own, so a 256 KiB write became 16 sends; this gathers records into one send per buffer. Whatever is
/// gathered goes out before any read (a handshake reply is never held back while we wait for the peer), when the buffer
/// fills, and on Flush. Reads pass straight through.
/// </summary>
internal sealed class RecordCoalescingStream : Stream
{
    private readonly Stream _inner;
    private readonly byte[] _buffer;
    private int _count;

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
        if (count >= _buffer.Length)
        {
            await _inner.WriteAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
            return;
        }
        Buffer.BlockCopy(buffer, offset, _buffer, _count, count);
        _count += count;
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (_count + count > _buffer.Length) SendGathered();
        if (count >= _buffer.Length)
        {
            _inner.Write(buffer, offset, count);
            return;
        }
        Buffer.BlockCopy(buffer, offset, _buffer, _count, count);
        _count += count;
    }

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        await SendGatheredAsync(cancellationToken).ConfigureAwait(false);
        return await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        SendGathered();
        return _inner.Read(buffer, offset, count);
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
