namespace FtpLite.Cli.Interactive.Commands;

/// <summary>lcd [LOCAL-DIR]</summary>
internal sealed class LcdShellCommand : ShellCommand
{
    public override string Name => "lcd";

    public override string Usage => "[LOCAL-DIR]";

    public override string Summary => "show or change the local folder";

    public override IReadOnlyList<ShellParameter> Parameters { get; } = new[] { new ShellParameter("local-directory", false) };

    public override Task RunAsync(ShellInvocation invocation, CancellationToken cancellationToken)
    {
        if (invocation.Argument(0) is { } path)
        {
            var full = invocation.LocalPath(path);
            if (!Directory.Exists(full)) throw new DirectoryNotFoundException($"no such local folder '{path}'");
            invocation.Session.LocalDirectory = full;
        }
        invocation.Output.WriteLine($"Local folder: {invocation.Session.LocalDirectory}");
        return Task.CompletedTask;
    }
}
