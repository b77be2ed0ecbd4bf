namespace FtpLite.Tests.Client;

/// <summary>A read-only stream that hands out its bytes one per read, to catch parsers that assume a line arrives whole.</summary>
internal sealed class OneByteAtATimeStream : Stream
{
    private readonly byte[] _bytes;
    private int _position;

    public OneByteAtATimeStream(byte[] bytes) => _bytes = bytes;

    public int Reads { get; private set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        Reads++;
        if (_position >= _bytes.Length || count == 0) return 0;
        buffer[offset] = _bytes[_position++];
        return 1;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
