using System.Text;

namespace FtpLite.Cli.Interactive;

/// <summary>Splits a typed line into words: spaces separate, "double" or 'single' quotes keep a name with spaces whole.</summary>
internal static class ShellWords
{
    /// <summary>The words; throws <see cref="FormatException"/> for an unclosed quote.</summary>
    public static IReadOnlyList<string> Split(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in line)
        {
            if (quote is not null)
            {
                if (c == quote) quote = null;
                else word.Append(c);
                continue;
            }
            if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
                continue;
            }
            word.Append(c);
            inWord = true;
        }
        if (quote is not null) throw new FormatException($"unclosed {quote} quote");
        if (inWord) words.Add(word.ToString());
        return words;
    }
}
