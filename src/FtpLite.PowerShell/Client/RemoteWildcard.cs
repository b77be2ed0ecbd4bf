using System.Management.Automation;
using System.Text;

namespace FtpLite.PowerShell.Client;

/// <summary>
/// Remote wildcards: '*' and '?' in a path's last segment, matched case-insensitively as PowerShell's are. '[' and ']'
/// stay literal, since FTP servers have no character classes and such names are common. A backtick escapes the next
/// character as in PowerShell ("/a`*.txt" names the file "a*.txt"); -LiteralPath takes no escapes at all.
/// </summary>
internal static class RemoteWildcard
{
    /// <summary>True when the name holds a '*' or '?' that no backtick escapes.</summary>
    public static bool Has(string name)
    {
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] == '`') i++;
            else if (name[i] is '*' or '?') return true;
        }
        return false;
    }

    /// <summary>The path with its backtick escapes removed: what it names when it holds no wildcard.</summary>
    public static string Unescape(string path)
    {
        if (path.IndexOf('`') < 0) return path;
        var text = new StringBuilder(path.Length);
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '`' && i + 1 < path.Length) i++;
            text.Append(path[i]);
        }
        return text.ToString();
    }

    /// <summary>A name as a -Path must spell it to mean just that name: '*', '?' and '`' escaped.</summary>
    public static string Escape(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c is '*' or '?' or '`') text.Append('`');
            text.Append(c);
        }
        return text.ToString();
    }

    public static WildcardPattern Create(string name)
    {
        var escaped = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '`' && i + 1 < name.Length)
            {
                // Already escaped: PowerShell's pattern reads "`*" and "`[" the same way.
                escaped.Append(c).Append(name[++i]);
                continue;
            }
            if (c is '[' or ']' or '`') escaped.Append('`');
            escaped.Append(c);
        }
        return WildcardPattern.Get(escaped.ToString(), WildcardOptions.IgnoreCase);
    }
}
