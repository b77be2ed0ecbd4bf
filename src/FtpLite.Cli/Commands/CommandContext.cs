using FtpLite.Cli.Terminal;

namespace FtpLite.Cli.Commands;

/// <summary>What a verb may touch of the outside world, passed in so a verb never reaches for Console or the environment itself.</summary>
public sealed class CommandContext
{
    public CommandContext(
        TextWriter output,
        TextWriter error,
        Func<string, string?> getEnvironmentVariable,
        string currentDirectory,
        TextReader? input = null,
        ITerminal? terminal = null)
    {
        Output = output;
        Error = error;
        GetEnvironmentVariable = getEnvironmentVariable;
        CurrentDirectory = currentDirectory;
        Input = input ?? TextReader.Null;
        Terminal = terminal ?? NoTerminal.Instance;
    }

    public TextWriter Output { get; }
    public TextWriter Error { get; }
    public Func<string, string?> GetEnvironmentVariable { get; }
    public string CurrentDirectory { get; }

    /// <summary>Standard input: the interactive client's commands, and a password when stdin is not a terminal.</summary>
    public TextReader Input { get; }

    /// <summary>Which streams are a terminal, and reading a secret without echo.</summary>
    public ITerminal Terminal { get; }

    public static CommandContext FromConsole() =>
        new(Console.Out, Console.Error, Environment.GetEnvironmentVariable, Environment.CurrentDirectory, Console.In, ConsoleTerminal.Instance);
}
