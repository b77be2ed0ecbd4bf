namespace FtpLite.Cli.Interactive.Commands;

/// <summary>help [COMMAND]</summary>
internal sealed class HelpShellCommand : ShellCommand
{
    public override string Name => "help";

    public override IReadOnlyList<string> Aliases => new[] { "?" };

    public override string Usage => "[COMMAND]";

    public override string Summary => "list the commands, or show one";

    public override IReadOnlyList<ShellParameter> Parameters { get; } = new[] { new ShellParameter("command", false) };

    public override Task RunAsync(ShellInvocation invocation, CancellationToken cancellationToken)
    {
        var commands = invocation.Session.Commands;
        if (invocation.Argument(0) is { } word)
        {
            var command = invocation.Session.Find(word) ?? throw new ArgumentException($"no command '{word}'");
            commands = new[] { command };
        }
        var rows = commands.Select(c => ($"{c.Name} {c.Usage}".TrimEnd(), c.Summary)).ToList();
        var width = rows.Max(r => r.Item1.Length) + 2;
        foreach (var (left, right) in rows) invocation.Output.WriteLine($"  {left.PadRight(width)}{right}");
        if (invocation.Argument(0) is null)
            invocation.Output.WriteLine("A command typed without its file name asks for it. Quote names with spaces: put \"my file.txt\"");
        return Task.CompletedTask;
    }
}
