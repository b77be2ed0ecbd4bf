using FtpLite.Cli.Client;

namespace FtpLite.Cli.Interactive.Commands;

/// <summary>cd REMOTE-DIR</summary>
internal sealed class CdShellCommand : ShellCommand
{
    public override string Name => "cd";

    public override string Usage => "REMOTE-DIR";

    public override string Summary => "change the remote folder";

    public override IReadOnlyList<ShellParameter> Parameters { get; } = new[] { new ShellParameter("remote-directory", true) };

    public override async Task RunAsync(ShellInvocation invocation, CancellationToken cancellationToken)
    {
        await invocation.Client.ChangeDirectoryAsync(invocation.Argument(0)!, cancellationToken).ConfigureAwait(false);
        invocation.Output.WriteLine(ClientFailure.OneLine(invocation.Client.WorkingDirectory));
    }
}
