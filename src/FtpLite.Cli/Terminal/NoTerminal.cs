namespace FtpLite.Cli.Terminal;

/// <summary>No person at a terminal: pipes all round. Secrets cannot be asked for this way.</summary>
public sealed class NoTerminal : ITerminal
{
    public static readonly NoTerminal Instance = new();

    private NoTerminal()
    {
    }

    public bool IsInputTerminal => false;

    public bool IsErrorTerminal => false;

    public string? ReadSecret(string prompt) => null;
}
