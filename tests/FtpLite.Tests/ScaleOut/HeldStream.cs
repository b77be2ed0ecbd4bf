namespace FtpLite.Tests.ScaleOut;

/// <summary>
/// An upload's source that hands out its first <c>holdAt</c> bytes, then waits for <see cref="Release"/> before the
/// rest: the upload is mid-transfer for as long as a test needs. <see cref="Reached"/> completes at the hold.
/// </summary>
internal sealed class HeldStream : Stream
{
    private readonly byte[] _content;
    private readonly int _holdAt;
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _position;

    public HeldStream(byte[] content, int holdAt)
    {
        _content = content;
        _holdAt = holdAt;
    }

    public Task Reached => _reached.Task;

    public void Release() => _released.TrySetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position == _holdAt)
        {
            _reached.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
        }
        var end = _position < _holdAt ? _holdAt : _content.Length;
        var count = Math.Min(buffer.Length, end - _position);
        _content.AsMemory(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
