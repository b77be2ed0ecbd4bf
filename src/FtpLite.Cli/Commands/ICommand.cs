using FtpLite.Cli.CommandLine;

namespace FtpLite.Cli.Commands;

/// <summary>
/// One verb of the tool ("serve", later "put", "get", ...). A verb declares its options, so the parser and the help
/// come for free; add a new one to <see cref="CliApplication"/>'s table.
/// </summary>
public interface ICommand
{
    /// <summary>The word typed after "ftplite".</summary>
    string Name { get; }

    /// <summary>One line for "ftplite --help".</summary>
    string Summary { get; }

    /// <summary>What follows the verb in the usage line, e.g. "[options]" or "[options] REMOTE LOCAL".</summary>
    string Usage { get; }

    /// <summary>Paragraphs printed after the options in "ftplite VERB --help".</summary>
    string Details { get; }

    IReadOnlyList<OptionSpec> Options { get; }

    /// <summary>Runs the verb; throws <see cref="UsageException"/> for a command line it cannot run. Returns the exit code.</summary>
    Task<int> RunAsync(ParsedArguments arguments, CommandContext context);
}
