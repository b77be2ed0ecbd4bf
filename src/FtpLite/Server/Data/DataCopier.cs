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
        int read;
        while ((read = await source.ReadAsync(buffer, 0, buffer.Length, token).ConfigureAwait(false)) > 0)
        {
            transfer.Progress(read);
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
}
