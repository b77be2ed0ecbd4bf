namespace FtpLite.Cli.Interactive.Commands;

/// <summary>rename FROM TO</summary>
internal sealed class RenameShellCommand : ShellCommand
{
    public override string Name => "rename";

    public override IReadOnlyList<string> Aliases => new[] { "mv" };

    public override string Usage => "FROM TO";

    public override string Summary => "rename or move a remote file or folder";

    public override IReadOnlyList<ShellParameter> Parameters { get; } = new[] { new ShellParameter("from-name", true), new ShellParameter("to-name", true) };

    public override Task RunAsync(ShellInvocation invocation, CancellationToken cancellationToken) =>
        invocation.Client.RenameAsync(invocation.Argument(0)!, invocation.Argument(1)!, cancellationToken);
}
