using FtpLite.Cli.Commands;

namespace FtpLite.Cli.Interactive.Commands;

/// <summary>rm REMOTE</summary>
internal sealed class RmShellCommand : ShellCommand
{
    public override string Name => "rm";

    public override IReadOnlyList<string> Aliases => new[] { "delete" };

    public override string Usage => "REMOTE";

    public override string Summary => "delete a remote file or empty folder";

    public override IReadOnlyList<ShellParameter> Parameters { get; } = new[] { new ShellParameter("remote-file", true) };

    public override Task RunAsync(ShellInvocation invocation, CancellationToken cancellationToken) =>
        RmCommand.DeleteAsync(invocation.Client, invocation.Argument(0)!, cancellationToken);
}
