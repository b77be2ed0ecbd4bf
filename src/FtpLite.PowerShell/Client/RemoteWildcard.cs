using System.Management.Automation;
using System.Text;

namespace FtpLite.PowerShell.Client;

/// <summary>
/// Remote wildcards: '*' and '?' in a path's last segment, matched case-insensitively as PowerShell's are.
/// '[' and ']' stay literal, since FTP servers have no character classes and such names are common.
/// </summary>
internal static class RemoteWildcard
{
    public static bool Has(string name) => name.IndexOf('*') >= 0 || name.IndexOf('?') >= 0;

    public static WildcardPattern Create(string name)
    {
        var escaped = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (c is '[' or ']' or '`') escaped.Append('`');
            escaped.Append(c);
        }
        return WildcardPattern.Get(escaped.ToString(), WildcardOptions.IgnoreCase);
    }
}
