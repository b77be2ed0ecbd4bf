using FtpLite.Cli.Client;

namespace FtpLite.Cli.Interactive.Commands;

/// <summary>pwd</summary>
internal sealed class PwdShellCommand : ShellCommand
{
    public override string Name => "pwd";

    public override string Usage => "";

    public override string Summary => "show the remote folder";

    public override async Task RunAsync(ShellInvocation invocation, CancellationToken cancellationToken)
    {
        var directory = await invocation.Client.GetWorkingDirectoryAsync(cancellationToken).ConfigureAwait(false);
        invocation.Output.WriteLine(ClientFailure.OneLine(directory));
    }
}
