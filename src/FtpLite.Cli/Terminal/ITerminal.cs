namespace FtpLite.Cli.Terminal;

/// <summary>The little a verb needs to know about the terminal: is a person there, and how to ask them for a secret.</summary>
public interface ITerminal
{
    /// <summary>True when standard input is a terminal (a person types), false for a pipe or a file.</summary>
    bool IsInputTerminal { get; }

    /// <summary>True when standard error is a terminal, so a "\r"-updated progress line makes sense.</summary>
    bool IsErrorTerminal { get; }

    /// <summary>Shows <paramref name="prompt"/> and reads one line without echoing it; null at end of input.</summary>
    string? ReadSecret(string prompt);
}
