using System.Text;

namespace FtpLite.Server.Data;

/// <summary>
/// Writes listing lines to a stream through one fixed buffer: a listing costs the same memory whether the folder
/// holds ten entries or a million. Most lines only fill the buffer; a full buffer goes out in one write.
/// </summary>
internal sealed class ListingWriter
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false);

    private readonly Stream _stream;
    private readonly byte[] _buffer;
    private readonly Transfer? _transfer;
    private int _used;

    public ListingWriter(Stream stream, byte[] buffer, Transfer? transfer)
    {
        _stream = stream;
        _buffer = buffer;
        _transfer = transfer;
    }

    /// <summary>Bytes written to the stream so far.</summary>
    public long Bytes { get; private set; }

    /// <summary>Adds a line and its CRLF; returns a completed task unless the buffer had to go out first.</summary>
    public Task WriteLineAsync(string line, CancellationToken token)
    {
        var needed = Utf8.GetMaxByteCount(line.Length) + 2;
        if (_used + needed <= _buffer.Length)
        {
            Append(line);
            return Task.CompletedTask;
        }
        return FlushThenWriteAsync(line, needed, token);
    }

    public async Task FlushAsync(CancellationToken token)
    {
        if (_used == 0) return;
        await _stream.WriteAsync(_buffer, 0, _used, token).ConfigureAwait(false);
        _transfer?.Progress(_used); // Also what tells the heartbeat a long listing is alive.
        Bytes += _used;
        _used = 0;
    }

    private async Task FlushThenWriteAsync(string line, int needed, CancellationToken token)
    {
        await FlushAsync(token).ConfigureAwait(false);
        if (needed <= _buffer.Length)
        {
            Append(line);
            return;
        }
        var bytes = Utf8.GetBytes(line + "\r\n"); // A line longer than the buffer: only with a tiny buffer.
        await _stream.WriteAsync(bytes, 0, bytes.Length, token).ConfigureAwait(false);
        _transfer?.Progress(bytes.Length);
        Bytes += bytes.Length;
    }

    private void Append(string line)
    {
        _used += Utf8.GetBytes(line, 0, line.Length, _buffer, _used);
        _buffer[_used++] = (byte)'\r';
        _buffer[_used++] = (byte)'\n';
    }
}
