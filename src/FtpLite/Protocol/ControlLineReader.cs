using System.Text;

namespace FtpLite.Protocol;

/// <summary>What one read of the control connection gave.</summary>
public enum LineStatus
{
    Line,
    TooLong,
    EndOfStream,
}

/// <summary>
/// Reads CRLF- (or LF-) terminated lines from a control connection into a fixed buffer: a line longer than the limit
/// is reported and skipped, never buffered, so no client can grow the server's memory. Telnet IAC sequences
/// (sent with ABOR) are dropped.
/// </summary>
public sealed class ControlLineReader
{
    private const byte Iac = 255;
    private const byte Will = 251;
    private const byte Dont = 254;

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private Stream _stream;
    private readonly byte[] _buffer;
    private readonly int _maxLineLength;
    private byte[] _line;
    private int _start;
    private int _end;
    private int _lineLength;
    private bool _overflow;
    private int _telnetState; // 0 none, 1 after IAC, 2 after IAC WILL/WONT/DO/DONT

    public ControlLineReader(Stream stream, int maxLineLength, int bufferSize = 512)
    {
        _stream = stream;
        _buffer = new byte[bufferSize];
        _maxLineLength = maxLineLength + 1; // Room for the CR; the limit itself is checked without it.
        // Most command lines are short: an idle session holds a small buffer, grown only for a long line.
        _line = new byte[Math.Min(128, maxLineLength)];
    }

    /// <summary>The last line read, when the status was <see cref="LineStatus.Line"/>.</summary>
    public string Line { get; private set; } = string.Empty;

    /// <summary>Reads from now on from <paramref name="stream"/>: the same connection, after a TLS handshake.</summary>
    public void SwitchTo(Stream stream) => _stream = stream;

    /// <summary>
    /// False when the last line was not valid UTF-8 (a client speaking Latin-1, say). <see cref="Line"/> then holds
    /// U+FFFD where the bad bytes were, so different byte strings can read alike: such a line must name no file.
    /// </summary>
    public bool LineIsUtf8 { get; private set; } = true;

    /// <summary>True when bytes of a further line have already arrived (a client pipelining commands).</summary>
    public bool HasBufferedData => _start < _end;

    public async Task<LineStatus> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            while (_start < _end)
            {
                var b = _buffer[_start++];
                if (b == (byte)'\n') return Complete();
                if (!ConsumeTelnet(b)) continue;
                if (_lineLength == _line.Length && _lineLength < _maxLineLength)
                    Array.Resize(ref _line, Math.Min(_line.Length * 2, _maxLineLength));
                if (_lineLength < _line.Length) _line[_lineLength++] = b;
                else _overflow = true;
            }
            // Emptied before the read: while it is pending, HasBufferedData must not report the last chunk again.
            _start = 0;
            _end = 0;
#if NET
            _end = await _stream.ReadAsync(_buffer.AsMemory(), cancellationToken).ConfigureAwait(false); // A pooled ValueTask: no Task per line.
#else
            _end = await _stream.ReadAsync(_buffer, 0, _buffer.Length, cancellationToken).ConfigureAwait(false);
#endif
            if (_end == 0) return LineStatus.EndOfStream;
        }
    }

    private LineStatus Complete()
    {
        var overflow = _overflow;
        var length = _lineLength;
        _lineLength = 0;
        _overflow = false;
        _telnetState = 0;
        if (length > 0 && _line[length - 1] == (byte)'\r') length--;
        if (overflow || length > _maxLineLength - 1) return LineStatus.TooLong;
        try
        {
            Line = StrictUtf8.GetString(_line, 0, length);
            LineIsUtf8 = true;
        }
        catch (DecoderFallbackException)
        {
            Line = Utf8.GetString(_line, 0, length);
            LineIsUtf8 = false;
        }
        return LineStatus.Line;
    }

    // True when the byte belongs to the line; false when it is part of a Telnet command.
    private bool ConsumeTelnet(byte b)
    {
        switch (_telnetState)
        {
            case 1:
                if (b == Iac)
                {
                    _telnetState = 0;
                    return true; // IAC IAC is a literal 255.
                }
                _telnetState = b >= Will && b <= Dont ? 2 : 0;
                return false;
            case 2:
                _telnetState = 0;
                return false;
            default:
                if (b != Iac) return true;
                _telnetState = 1;
                return false;
        }
    }
}
