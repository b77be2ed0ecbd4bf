using System.Text;
using FtpLite.Server;

namespace FtpLite.Cli.Serving;

/// <summary>Formats one server event as one log line. Client-supplied text (paths, user names) is cleaned of control characters so a client cannot forge log lines.</summary>
internal static class ActivityLine
{
    public static string Format(FtpServerEventArgs e)
    {
        var line = new StringBuilder();
        line.Append(e.Time.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss"));
        line.Append(" #").Append(e.SessionId);
        if (e.RemoteEndPoint is not null) line.Append(' ').Append(e.RemoteEndPoint);
        if (e.UserName is not null) line.Append(' ').Append(Clean(e.UserName));
        line.Append(' ').Append(e.Kind).Append(": ").Append(Clean(e.Message));
        return line.ToString();
    }

    private static string Clean(string text)
    {
        if (!text.Any(char.IsControl)) return text;
        var clean = new StringBuilder(text.Length);
        foreach (var c in text) clean.Append(char.IsControl(c) ? '?' : c);
        return clean.ToString();
    }
}
