namespace FtpLite.Cli.Commands;

/// <summary>What a verb may touch of the outside world, passed in so a verb never reaches for Console or the environment itself.</summary>
public sealed class CommandContext
{
    public CommandContext(TextWriter output, TextWriter error, Func<string, string?> getEnvironmentVariable, string currentDirectory)
    {
        Output = output;
        Error = error;
        GetEnvironmentVariable = getEnvironmentVariable;
        CurrentDirectory = currentDirectory;
    }

    public TextWriter Output { get; }
    public TextWriter Error { get; }
    public Func<string, string?> GetEnvironmentVariable { get; }
    public string CurrentDirectory { get; }

    public static CommandContext FromConsole() =>
        new(Console.Out, Console.Error, Environment.GetEnvironmentVariable, Environment.CurrentDirectory);
}
