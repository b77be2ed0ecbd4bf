namespace FtpLite.Client.Listing;

/// <summary>Unix permission bits as "ls -l" shows them: 0644 is "rw-r--r--".</summary>
internal static class UnixMode
{
    /// <summary>Converts an octal mode ("644", "0755", "100644") to nine "rwx" characters; null when not octal.</summary>
    public static string? ToSymbolic(string octal)
    {
        octal = octal.Trim();
        if (octal.Length == 0) return null;
        var value = 0;
        foreach (var c in octal)
        {
            if (c < '0' || c > '7') return null;
            value = (value << 3) | (c - '0');
            if (value > 0x7FFFFF) return null;
        }
        var text = new char[9];
        const string letters = "rwxrwxrwx";
        for (var i = 0; i < 9; i++) text[i] = (value & (1 << (8 - i))) != 0 ? letters[i] : '-';
        return new string(text);
    }
}
