namespace FtpLite.Protocol;

/// <summary>The `*` and `?` patterns of LIST, NLST and STAT arguments (as `ls` and `mget` send them).</summary>
public static class Wildcard
{
    public static bool HasWildcard(string name) => name.IndexOfAny(WildcardChars) >= 0;

    /// <summary>Matches a whole name; `*` is any run of characters, `?` one character. Case-sensitive.</summary>
    public static bool IsMatch(string name, string pattern)
    {
        // Iterative matching with one backtrack point: linear in practice, no recursion to blow up on "****…".
        int n = 0, p = 0, star = -1, mark = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == name[n]))
            {
                n++;
                p++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = n;
            }
            else if (star >= 0)
            {
                p = star + 1;
                n = ++mark;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }

    private static readonly char[] WildcardChars = { '*', '?' };
}
