using FtpLite.Cli.CommandLine;
using FtpLite.Cli.Commands;

namespace FtpLite.Cli;

/// <summary>Picks the verb, parses its options, runs it, and turns usage errors into one line on stderr and exit code 2.</summary>
public sealed class CliApplication
{
    public const string ToolName = "ftplite";

    private readonly IReadOnlyList<ICommand> _commands;

    public CliApplication(IReadOnlyList<ICommand> commands) => _commands = commands;

    /// <summary>Every verb the tool knows. New verbs go here.</summary>
    public static CliApplication CreateDefault() => new(new ICommand[]
    {
        new ServeCommand(),
        new ConnectCommand(),
        new PutCommand(),
        new GetCommand(),
        new LsCommand(),
        new MkdirCommand(),
        new RmCommand(),
        new MirrorCommand(),
        new CertCommand(),
    });

    public async Task<int> RunAsync(IReadOnlyList<string> args, CommandContext context)
    {
        if (args.Count == 0)
        {
            context.Error.WriteLine($"{ToolName}: no command given (try '{ToolName} --help')");
            return ExitCodes.Usage;
        }
        var verb = args[0];
        if (verb is "-h" or "--help" or "help")
        {
            HelpWriter.WriteOverview(context.Output, _commands);
            return ExitCodes.Success;
        }
        if (verb == "--version")
        {
            context.Output.WriteLine($"{ToolName} {typeof(CliApplication).Assembly.GetName().Version?.ToString(3)}");
            return ExitCodes.Success;
        }

        var command = _commands.FirstOrDefault(c => c.Name == verb);
        if (command is null)
        {
            context.Error.WriteLine($"{ToolName}: unknown command '{verb}' (try '{ToolName} --help')");
            return ExitCodes.Usage;
        }

        try
        {
            var parsed = ArgumentParser.Parse(args.Skip(1).ToList(), command.Options);
            if (parsed.Has(ArgumentParser.HelpOption))
            {
                HelpWriter.WriteCommand(context.Output, command);
                return ExitCodes.Success;
            }
            return await command.RunAsync(parsed, context).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            context.Error.WriteLine($"{ToolName} {command.Name}: {e.Message} (try '{ToolName} {command.Name} --help')");
            return ExitCodes.Usage;
        }
    }
}
