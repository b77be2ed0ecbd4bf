using FtpLite.Cli.Commands;

namespace FtpLite.Cli;

/// <summary>Writes "ftplite --help" and "ftplite VERB --help" from the verbs' own descriptions.</summary>
internal static class HelpWriter
{
    public static void WriteOverview(TextWriter output, IReadOnlyList<ICommand> commands)
    {
        output.WriteLine($"Usage: {CliApplication.ToolName} COMMAND [options]");
        output.WriteLine();
        output.WriteLine("An FTP server and client in one small tool.");
        output.WriteLine();
        output.WriteLine("Commands:");
        WriteRows(output, commands.Select(c => (c.Name, c.Summary)));
        output.WriteLine();
        output.WriteLine("Options:");
        WriteRows(output, new[] { ("-h, --help", "show this help"), ("--version", "print the version") });
        output.WriteLine();
        output.WriteLine($"Run '{CliApplication.ToolName} COMMAND --help' for a command's options.");
        output.WriteLine($"Client commands connect to port {Client.ClientOptionsReader.DefaultPort} unless told otherwise (where 'serve' listens).");
        output.WriteLine(CommandLine.ExitCodes.ClientHelp);
    }

    public static void WriteCommand(TextWriter output, ICommand command)
    {
        output.WriteLine($"Usage: {CliApplication.ToolName} {command.Name} {command.Usage}");
        output.WriteLine();
        output.WriteLine(command.Summary);
        output.WriteLine();
        output.WriteLine("Options:");
        WriteRows(output, command.Options.Select(o => (o.Synopsis, o.Help)).Append(("-h, --help", "show this help")));
        if (command.Details.Length > 0)
        {
            output.WriteLine();
            output.WriteLine(command.Details);
        }
    }

    private static void WriteRows(TextWriter output, IEnumerable<(string Left, string Right)> rows)
    {
        var list = rows.ToList();
        var width = list.Max(r => r.Left.Length) + 2;
        foreach (var (left, right) in list) output.WriteLine($"  {left.PadRight(width)}{right}");
    }
}
