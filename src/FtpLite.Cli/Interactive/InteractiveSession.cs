using FtpLite.Cli.Client;
using FtpLite.Cli.CommandLine;
using FtpLite.Cli.Commands;
using FtpLite.Client;

namespace FtpLite.Cli.Interactive;

/// <summary>
/// The "ftp>" prompt: reads a line, asks for any missing file name ("(local-file) "), runs the command, and reports a
/// failure as one line on stderr before the next prompt. Ends on "quit", at end of input, or when the connection is gone.
/// </summary>
internal sealed class InteractiveSession
{
    public const string Prompt = "ftp> ";

    private readonly IReadOnlyList<ShellCommand> _commands;

    public InteractiveSession(FtpClient client, CommandContext context, IReadOnlyList<ShellCommand> commands)
    {
        Client = client;
        Context = context;
        _commands = commands;
        LocalDirectory = context.CurrentDirectory;
    }

    public FtpClient Client { get; }

    public CommandContext Context { get; }

    /// <summary>Where local names are resolved; "lcd" changes it.</summary>
    public string LocalDirectory { get; set; }

    public IReadOnlyList<ShellCommand> Commands => _commands;

    /// <summary>Runs until quit or end of input (exit 0), or a lost connection (exit 3).</summary>
    public async Task<int> RunAsync()
    {
        while (true)
        {
            var line = Ask(Prompt);
            if (line is null)
            {
                Context.Output.WriteLine();
                return ExitCodes.Success;
            }

            IReadOnlyList<string> words;
            try
            {
                words = ShellWords.Split(line);
            }
            catch (FormatException e)
            {
                Context.Error.WriteLine($"?{e.Message}");
                continue;
            }
            if (words.Count == 0) continue;

            var command = Find(words[0]);
            if (command is null)
            {
                Context.Error.WriteLine($"?unknown command '{ClientFailure.OneLine(words[0])}' (type 'help' for the list)");
                continue;
            }

            var invocation = Bind(command, words.Skip(1).ToList(), out var endOfInput);
            if (endOfInput)
            {
                Context.Output.WriteLine();
                return ExitCodes.Success;
            }
            if (invocation is null) continue;

            await RunOneAsync(command, invocation).ConfigureAwait(false);
            if (command.EndsSession) return ExitCodes.Success;
            if (!Client.IsConnected)
            {
                Context.Error.WriteLine($"{CliApplication.ToolName}: the connection to the server is closed; ending the session");
                return ExitCodes.Connection;
            }
        }
    }

    public ShellCommand? Find(string word) =>
        _commands.FirstOrDefault(c => string.Equals(c.Name, word, StringComparison.OrdinalIgnoreCase)
            || c.Aliases.Any(a => string.Equals(a, word, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Writes <paramref name="prompt"/> (no line end) and reads the answer; null at end of input.</summary>
    private string? Ask(string prompt)
    {
        Context.Output.Write(prompt);
        Context.Output.Flush();
        return Context.Input.ReadLine();
    }

    /// <summary>Splits flags from arguments and prompts for what is missing; null (after one error line) when it cannot run.</summary>
    private ShellInvocation? Bind(ShellCommand command, List<string> words, out bool endOfInput)
    {
        endOfInput = false;
        var flags = new HashSet<string>(StringComparer.Ordinal);
        var arguments = new List<string>();
        foreach (var word in words)
        {
            if (word.Length > 1 && word[0] == '-' && arguments.Count == 0)
            {
                if (!command.Flags.Contains(word))
                {
                    Context.Error.WriteLine($"?{command.Name}: unknown switch '{ClientFailure.OneLine(word)}'; usage: {command.Name} {command.Usage}");
                    return null;
                }
                flags.Add(word);
                continue;
            }
            arguments.Add(word);
        }

        var parameters = command.Parameters;
        if (arguments.Count > parameters.Count)
        {
            Context.Error.WriteLine($"?{command.Name}: too many arguments; usage: {command.Name} {command.Usage}");
            return null;
        }

        // Typing the bare command walks through every name, as the classic ftp client does; Enter takes an optional one's default.
        var prompting = arguments.Count == 0 && parameters.Count > 0 && parameters[0].Required;
        for (var i = arguments.Count; i < parameters.Count; i++)
        {
            if (!parameters[i].Required && !prompting) break;
            var answer = Ask($"({parameters[i].Label}) ");
            if (answer is null)
            {
                endOfInput = true;
                return null;
            }
            answer = answer.Trim();
            if (answer.Length == 0 && parameters[i].Required)
            {
                Context.Error.WriteLine($"?{command.Name}: no {parameters[i].Label} given; usage: {command.Name} {command.Usage}");
                return null;
            }
            arguments.Add(answer);
        }
        return new ShellInvocation(this, arguments, flags);
    }

    private async Task RunOneAsync(ShellCommand command, ShellInvocation invocation)
    {
        using var interruption = new Interruption();
        try
        {
            await command.RunAsync(invocation, interruption.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (interruption.Requested)
        {
            Context.Error.WriteLine($"{command.Name}: interrupted");
        }
        catch (Exception e) when (ClientFailure.IsExpected(e))
        {
            Context.Error.WriteLine($"{command.Name}: {ClientFailure.Describe(e)}");
        }
    }
}
