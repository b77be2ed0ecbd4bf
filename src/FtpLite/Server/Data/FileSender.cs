using System.Net.Sockets;

namespace FtpLite.Server.Data;

/// <summary>
/// Zero-copy downloads: the kernel moves file pages to the socket (sendfile on Linux, TransmitFile on Windows) instead
/// of a read and a send per buffer. Only on net8.0+ builds, only for binary transfers of a seekable file over a plain
/// socket; everything else (ASCII, TLS, FIFOs) uses <see cref="DataCopier"/>, which also finishes whatever a file grew
/// by after its length was read (a log being written, a /proc file that reports 0 bytes).
/// </summary>
internal static class FileSender
{
    // Each chunk is about half a second's worth at the rate seen so far: few calls on a fast link, and on a slow one
    // progress (which the stall check reads) still moves often.
    private const int MinChunkBytes = 1024 * 1024;
    private const int MaxChunkBytes = 64 * 1024 * 1024;

    public static bool CanSend(Stream data, Stream source, NewlineConversion conversion) =>
#if NET8_0_OR_GREATER
        conversion == NewlineConversion.None && data is NetworkStream && source is FileStream { CanSeek: true };
#else
        false;
#endif

    /// <summary>Sends from the file's position to the length it had at the start; leaves the position after it.</summary>
    public static async Task<long> SendAsync(Stream data, Stream source, Transfer transfer)
    {
#if NET8_0_OR_GREATER
        var socket = ((NetworkStream)data).Socket;
        var file = (FileStream)source;
        var offset = file.Position;
        var end = file.Length;
        long total = 0;
        var chunk = MinChunkBytes;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var args = new SocketAsyncEventArgs();
        TaskCompletionSource<bool>? pending = null;
        args.Completed += (_, _) => pending!.TrySetResult(true);
        while (offset < end)
        {
            transfer.Token.ThrowIfCancellationRequested();
            var count = (int)Math.Min(chunk, end - offset);
            var started = clock.Elapsed;
            args.SendPacketsElements = new[] { new SendPacketsElement(file, offset, count, endOfPacket: false) };
            pending = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (socket.SendPacketsAsync(args)) await pending.Task.ConfigureAwait(false);
            if (args.SocketError != SocketError.Success) throw new IOException("The data connection failed during the send.", new SocketException((int)args.SocketError));
            offset += count;
            total += count;
            transfer.Progress(count);
            var seconds = Math.Max((clock.Elapsed - started).TotalSeconds, 1e-4);
            chunk = (int)Math.Max(MinChunkBytes, Math.Min(MaxChunkBytes, count / seconds / 2));
        }
        file.Position = offset;
        return total;
#else
        await Task.CompletedTask.ConfigureAwait(false);
        throw new PlatformNotSupportedException("Zero-copy sends need the net8.0 build.");
#endif
    }
}
