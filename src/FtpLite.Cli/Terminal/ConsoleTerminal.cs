using System.Text;

namespace FtpLite.Cli.Terminal;

/// <summary>The process's own console.</summary>
public sealed class ConsoleTerminal : ITerminal
{
    public static readonly ConsoleTerminal Instance = new();

    private ConsoleTerminal()
    {
    }

    public bool IsInputTerminal => !Console.IsInputRedirected;

    public bool IsErrorTerminal => !Console.IsErrorRedirected;

    /// <summary>Reads key by key with echo off; Backspace edits, Enter ends, Ctrl+D on an empty line is end of input.</summary>
    public string? ReadSecret(string prompt)
    {
        Console.Error.Write(prompt);
        Console.Error.Flush();
        var secret = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace)
            {
                if (secret.Length > 0) secret.Length--;
                continue;
            }
            if (key.Key == ConsoleKey.D && key.Modifiers.HasFlag(ConsoleModifiers.Control) && secret.Length == 0)
            {
                Console.Error.WriteLine();
                return null;
            }
            if (!char.IsControl(key.KeyChar)) secret.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return secret.ToString();
    }
}
