using System.Security.Cryptography;
using FtpLite.Protocol.Hashing;

namespace FtpLite.Client;

/// <summary>
/// Passes reads or writes through to a file and hashes every byte on the way, so a transfer's local hash is ready when
/// the last byte has moved, without reading the file a second time. It does not own the file.
/// </summary>
internal sealed class HashingStream : Stream
{
    private readonly Stream _inner;
    private readonly HashAlgorithm _hash;

    public HashingStream(Stream inner, FtpHashAlgorithm algorithm)
    {
        _inner = inner;
        _hash = algorithm.Create();
    }

    public override bool CanRead => _inner.CanRead;
    public override bool CanWrite => _inner.CanWrite;
    public override bool CanSeek => _inner.CanSeek;
    public override long Length => _inner.Length;

    /// <summary>Readable (for progress totals); moving it would put the hash out of step with the file.</summary>
    public override long Position
    {
        get => _inner.Position;
        set => throw new NotSupportedException("A hashing stream only moves forward.");
    }

    /// <summary>
    /// Reads and hashes the first <paramref name="count"/> bytes from the current position: the part of a resumed
    /// transfer that is already in place. Afterwards the stream stands where the transfer continues.
    /// </summary>
    public async Task AbsorbAsync(long count, CancellationToken cancellationToken)
    {
        var buffer = new byte[128 * 1024];
        while (count > 0)
        {
            var read = await ReadAsync(buffer, 0, (int)Math.Min(buffer.Length, count), cancellationToken).ConfigureAwait(false);
            if (read == 0) throw new IOException("The file ended before the part to resume was read.");
            count -= read;
        }
    }

    /// <summary>The hash of every byte read or written, as lower-case hex. Call once, after the last byte.</summary>
    public string Finish()
    {
        _hash.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
        return FtpHashAlgorithms.ToHex(_hash.Hash!);
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = _inner.Read(buffer, offset, count);
        _hash.TransformBlock(buffer, offset, read, null, 0);
        return read;
    }

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        var read = await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
        _hash.TransformBlock(buffer, offset, read, null, 0);
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        _hash.TransformBlock(buffer, offset, count, null, 0);
        _inner.Write(buffer, offset, count);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        _hash.TransformBlock(buffer, offset, count, null, 0);
        return _inner.WriteAsync(buffer, offset, count, cancellationToken);
    }

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A hashing stream only moves forward.");

    public override void SetLength(long value) => throw new NotSupportedException("A hashing stream cannot change the file's length.");

    protected override void Dispose(bool disposing)
    {
        if (disposing) _hash.Dispose();
        base.Dispose(disposing);
    }
}
