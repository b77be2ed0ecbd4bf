namespace FtpLite.Cli.Interactive.Commands;

/// <summary>quit</summary>
internal sealed class QuitShellCommand : ShellCommand
{
    public override string Name => "quit";

    public override IReadOnlyList<string> Aliases => new[] { "bye", "exit" };

    public override string Usage => "";

    public override string Summary => "say goodbye and end the session (end of input does too)";

    public override bool EndsSession => true;

    public override Task RunAsync(ShellInvocation invocation, CancellationToken cancellationToken) =>
        invocation.Client.DisconnectAsync(cancellationToken);
}
