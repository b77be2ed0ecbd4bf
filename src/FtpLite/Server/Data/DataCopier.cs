namespace FtpLite.Server.Data;

/// <summary>How line ends change on the way: TYPE I leaves bytes alone; TYPE A speaks CRLF on the wire.</summary>
internal enum NewlineConversion
{
    None,
    ToNetwork,
    FromNetwork,
}

/// <summary>The copy loop of every transfer: one pooled buffer, cancellation, progress per chunk.</summary>
internal static class DataCopier
{
    // Only a store whose own line end is LF needs converting; on Windows the file already holds CRLF.
    private static readonly bool StoreUsesLf = Environment.NewLine == "\n";

    public static async Task<long> CopyAsync(Stream source, Stream destination, byte[] buffer, NewlineConversion conversion, Transfer transfer)
    {
        if (!StoreUsesLf) conversion = NewlineConversion.None;
        var token = transfer.Token;
        var converted = conversion == NewlineConversion.None ? null : new byte[buffer.Length * 2];
        long total = 0;
        var previous = (byte)0;
        var heldCarriageReturn = false;
        // A TLS upload fills the buffer before writing it to the file: SslStream returns one record (16 KiB) per read,
        // and each file write is a thread hop on Linux (16,384 pwrites for 256 MiB; now 1,024). A plain socket's reads
        // already return all that has arrived, and filling there measured no better.
        var fill = destination is FileStream && source is System.Net.Security.SslStream;
        int read;
        while ((read = await ReadAsync(source, buffer, fill, transfer).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (converted is null)
            {
                await destination.WriteAsync(buffer, 0, read, token).ConfigureAwait(false);
                continue;
            }
            var length = 0;
            if (conversion == NewlineConversion.ToNetwork)
            {
                for (var i = 0; i < read; i++)
                {
                    var b = buffer[i];
                    if (b == (byte)'\n' && previous != (byte)'\r') converted[length++] = (byte)'\r';
                    converted[length++] = b;
                    previous = b;
                }
            }
            else
            {
                for (var i = 0; i < read; i++)
                {
                    var b = buffer[i];
                    if (heldCarriageReturn)
                    {
                        heldCarriageReturn = false;
                        if (b != (byte)'\n') converted[length++] = (byte)'\r';
                    }
                    if (b == (byte)'\r') heldCarriageReturn = true;
                    else converted[length++] = b;
                }
            }
            await destination.WriteAsync(converted, 0, length, token).ConfigureAwait(false);
        }
        if (heldCarriageReturn) await destination.WriteAsync(new[] { (byte)'\r' }, 0, 1, token).ConfigureAwait(false);
        return total;
    }

    /// <summary>One read, or with <paramref name="fill"/> reads until the buffer is full or the stream ends; progress per read.</summary>
    private static async Task<int> ReadAsync(Stream source, byte[] buffer, bool fill, Transfer transfer)
    {
        var filled = 0;
        do
        {
            var read = await source.ReadAsync(buffer, filled, buffer.Length - filled, transfer.Token).ConfigureAwait(false);
            if (read == 0) break;
            transfer.Progress(read);
            filled += read;
        }
        while (fill && filled < buffer.Length);
        return filled;
    }
}
