using System.Collections.Concurrent;

namespace FtpLite.Server.Data;

/// <summary>
/// Reuses the large transfer buffers (netstandard2.0 has no ArrayPool without a package): a burst of small-file
/// transfers must not allocate a large-object-heap array each.
/// </summary>
internal sealed class BufferPool
{
    private readonly ConcurrentBag<byte[]> _free = new();
    private readonly int _maxKept;

    public BufferPool(int bufferSize, int maxKept)
    {
        BufferSize = bufferSize;
        _maxKept = maxKept;
    }

    public int BufferSize { get; }

    public byte[] Rent() => _free.TryTake(out var buffer) ? buffer : new byte[BufferSize];

    public void Return(byte[] buffer)
    {
        if (buffer.Length == BufferSize && _free.Count < _maxKept) _free.Add(buffer);
    }
}
