using System.Text;

namespace FtpLite.Protocol;

/// <summary>One FTP reply: a three-digit code and one or more lines of text (RFC 959 section 4.2).</summary>
public sealed class FtpReply
{
    public FtpReply(int code, IReadOnlyList<string> lines)
    {
        if (code < 100 || code > 599) throw new ArgumentOutOfRangeException(nameof(code), code, "An FTP reply code has three digits, 100 to 599.");
        Code = code;
        Lines = lines.Count == 0 ? new[] { string.Empty } : lines;
    }

    public FtpReply(int code, string message) : this(code, new[] { message }) { }

    public int Code { get; }

    /// <summary>The text lines, without the code prefix. A single-line reply has one.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>The text of the last line, the one that carries the code in a multi-line reply.</summary>
    public string Message => Lines[Lines.Count - 1];

    /// <summary>1yz: the command started and another reply follows.</summary>
    public bool IsPreliminary => Code < 200;

    /// <summary>2yz: the command succeeded.</summary>
    public bool IsSuccess => Code >= 200 && Code < 300;

    /// <summary>3yz: the command needs another one to complete (PASS after USER, RNTO after RNFR).</summary>
    public bool IsIntermediate => Code >= 300 && Code < 400;

    /// <summary>4yz: failed, but trying again later may work.</summary>
    public bool IsTransientFailure => Code >= 400 && Code < 500;

    /// <summary>5yz: failed, and the same command will fail again.</summary>
    public bool IsPermanentFailure => Code >= 500;

    /// <summary>Formats the reply for the wire: "code text" per line, "code-" on every line but the last.</summary>
    public string ToWireString()
    {
        var text = new StringBuilder();
        for (var i = 0; i < Lines.Count; i++)
        {
            var last = i == Lines.Count - 1;
            var line = Sanitize(Lines[i]);
            // Inner lines of a multi-line reply that start with a space need no code (FEAT, MLST);
            // others carry "code-" so that no client mistakes them for the final line.
            if (!last && i > 0 && line.StartsWith(" ", StringComparison.Ordinal))
                text.Append(line);
            else
                text.Append(Code).Append(last ? ' ' : '-').Append(line);
            text.Append("\r\n");
        }
        return text.ToString();
    }

    public override string ToString() => ToWireString().TrimEnd();

    // A reply line must never carry its own line break: a file name with CR or LF would otherwise forge replies.
    internal static string Sanitize(string line) =>
        line.IndexOfAny(LineBreaks) < 0 ? line : line.Replace('\r', ' ').Replace('\n', ' ');

    private static readonly char[] LineBreaks = { '\r', '\n' };
}
