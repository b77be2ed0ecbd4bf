using FtpLite.Cli.Commands;

namespace FtpLite.Cli.Interactive.Commands;

/// <summary>mkdir REMOTE-DIR</summary>
internal sealed class MkdirShellCommand : ShellCommand
{
    public override string Name => "mkdir";

    public override string Usage => "REMOTE-DIR";

    public override string Summary => "create a remote folder";

    public override IReadOnlyList<ShellParameter> Parameters { get; } = new[] { new ShellParameter("directory-name", true) };

    public override Task RunAsync(ShellInvocation invocation, CancellationToken cancellationToken) =>
        MkdirCommand.CreateAsync(invocation.Client, invocation.Argument(0)!, cancellationToken);
}
