using System.Globalization;
using System.Text;
using FtpLite.Protocol;

namespace FtpLite.Client;

/// <summary>
/// Reads whole replies from a control connection: single-line, or multi-line "123-" … "123 " (RFC 959 section 4.2).
/// Lines are bounded, so a server that never sends a line break cannot make the client buffer without end,
/// and a reply is only returned complete, so a reply never splits across two commands.
/// </summary>
internal sealed class FtpReplyReader
{
    /// <summary>Lines in one reply, bounded for the same reason as their length (a FEAT or STAT can be long, not endless).</summary>
    public const int MaxLinesPerReply = 10_000;

    private static readonly Encoding Text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private readonly Stream _stream;
    private readonly int _maxLineLength;
    private readonly byte[] _buffer;
    private int _start;
    private int _end;

    public FtpReplyReader(Stream stream, int maxLineLength)
    {
        _stream = stream;
        _maxLineLength = maxLineLength;
        _buffer = new byte[Math.Max(maxLineLength + 2, 4096)];
    }

    /// <summary>True when bytes have arrived that no reply has consumed yet.</summary>
    public bool HasBufferedData => _end > _start;

    public async Task<FtpReply> ReadReplyAsync(CancellationToken cancellationToken)
    {
        var first = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (!TryParseCode(first, out var code, out var separator))
            throw new FtpException(FtpErrorKind.ProtocolError, "The server sent a line that is not an FTP reply: " + Shorten(first));
        if (separator != '-') return new FtpReply(code, new[] { TextAfterCode(first) });

        var lines = new List<string> { TextAfterCode(first) };
        var codeText = first.Substring(0, 3);
        while (lines.Count < MaxLinesPerReply)
        {
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line.StartsWith(codeText, StringComparison.Ordinal) && (line.Length == 3 || line[3] == ' '))
            {
                lines.Add(TextAfterCode(line));
                return new FtpReply(code, lines);
            }
            // Inner lines may repeat "123-" (most servers) or be free text, often indented (FEAT, MLST).
            lines.Add(line.StartsWith(codeText + "-", StringComparison.Ordinal) ? line.Substring(4) : line);
        }
        throw new FtpException(FtpErrorKind.ProtocolError, $"A multi-line {code} reply ran past {MaxLinesPerReply} lines.");
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var scanFrom = _start;
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', scanFrom, _end - scanFrom);
            if (newline >= 0)
            {
                var length = newline - _start;
                if (length > 0 && _buffer[newline - 1] == '\r') length--;
                var line = Text.GetString(_buffer, _start, length);
                _start = newline + 1;
                if (_start == _end) _start = _end = 0;
                return line;
            }
            if (_end - _start > _maxLineLength)
                throw new FtpException(FtpErrorKind.ProtocolError, $"A reply line ran past {_maxLineLength} bytes without a line break.");
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            scanFrom = _end;
            var read = await _stream.ReadAsync(_buffer, _end, _buffer.Length - _end, cancellationToken).ConfigureAwait(false);
            if (read == 0) throw new FtpException(FtpErrorKind.ConnectionLost, "The server closed the control connection.");
            _end += read;
        }
    }

    private static bool TryParseCode(string line, out int code, out char separator)
    {
        code = 0;
        separator = ' ';
        if (line.Length < 3 || !IsDigit(line[0]) || !IsDigit(line[1]) || !IsDigit(line[2])) return false;
        if (line.Length > 3 && line[3] != ' ' && line[3] != '-') return false;
        code = int.Parse(line.Substring(0, 3), NumberStyles.None, CultureInfo.InvariantCulture);
        if (code < 100 || code > 599) return false;
        separator = line.Length > 3 ? line[3] : ' ';
        return true;
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static string TextAfterCode(string line) => line.Length > 4 ? line.Substring(4) : string.Empty;

    private static string Shorten(string line) => line.Length > 80 ? line.Substring(0, 80) + "…" : line;
}
