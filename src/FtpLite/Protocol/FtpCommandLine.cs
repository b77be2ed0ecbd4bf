namespace FtpLite.Protocol;

/// <summary>A command line as a client sent it: the verb (upper-cased) and its argument, verbatim.</summary>
public readonly struct FtpCommandLine
{
    public FtpCommandLine(string verb, string argument)
    {
        Verb = verb;
        Argument = argument;
    }

    public string Verb { get; }

    /// <summary>Everything after the first space, unchanged: file names may hold spaces of their own.</summary>
    public string Argument { get; }

    public bool HasArgument => Argument.Length > 0;

    /// <summary>Longest verb accepted; RFC 959 verbs have 3 or 4 letters, extensions a few more.</summary>
    public const int MaxVerbLength = 8;

    /// <summary>Parses one line (without its CRLF). False when there is no well-formed verb.</summary>
    public static bool TryParse(string line, out FtpCommandLine command)
    {
        command = default;
        var space = line.IndexOf(' ');
        var verb = space < 0 ? line : line.Substring(0, space);
        if (verb.Length == 0 || verb.Length > MaxVerbLength) return false;
        foreach (var c in verb)
        {
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
        }
        var argument = space < 0 ? string.Empty : line.Substring(space + 1);
        command = new FtpCommandLine(verb.ToUpperInvariant(), argument);
        return true;
    }

    /// <summary>The line as a log may show it: a password never appears.</summary>
    public override string ToString() =>
        Verb == "PASS" ? "PASS ****" : HasArgument ? Verb + " " + Argument : Verb;
}
