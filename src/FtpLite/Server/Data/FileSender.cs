using System.Net.Sockets;

namespace FtpLite.Server.Data;

/// <summary>
/// Zero-copy downloads: the kernel moves file pages to the socket (sendfile on Linux, TransmitFile on Windows) instead
/// of a read and a send per buffer. Only on net8.0+ builds, only for binary transfers over a plain socket; everything
/// else uses <see cref="DataCopier"/>.
/// </summary>
internal static class FileSender
{
    // Small enough that progress (and the stall check) sees a steady transfer, large enough to cost nothing.
    private const int ChunkBytes = 8 * 1024 * 1024;

    public static bool CanSend(Stream data, Stream source, NewlineConversion conversion) =>
#if NET8_0_OR_GREATER
        conversion == NewlineConversion.None && data is NetworkStream && source is FileStream;
#else
        false;
#endif

    public static async Task<long> SendAsync(Stream data, Stream source, Transfer transfer)
    {
#if NET8_0_OR_GREATER
        var socket = ((NetworkStream)data).Socket;
        var file = (FileStream)source;
        var offset = file.Position;
        var end = file.Length;
        long total = 0;
        using var args = new SocketAsyncEventArgs();
        TaskCompletionSource<bool>? pending = null;
        args.Completed += (_, _) => pending!.TrySetResult(true);
        while (offset < end)
        {
            transfer.Token.ThrowIfCancellationRequested();
            var count = (int)Math.Min(ChunkBytes, end - offset);
            args.SendPacketsElements = new[] { new SendPacketsElement(file, offset, count, endOfPacket: false) };
            pending = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (socket.SendPacketsAsync(args)) await pending.Task.ConfigureAwait(false);
            if (args.SocketError != SocketError.Success) throw new IOException("The data connection failed during the send.", new SocketException((int)args.SocketError));
            offset += count;
            total += count;
            transfer.Progress(count);
        }
        return total;
#else
        await Task.CompletedTask.ConfigureAwait(false);
        throw new PlatformNotSupportedException("Zero-copy sends need the net8.0 build.");
#endif
    }
}
