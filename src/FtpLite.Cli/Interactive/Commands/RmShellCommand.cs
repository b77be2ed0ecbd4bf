using FtpLite.Cli.Commands;

namespace FtpLite.Cli.Interactive.Commands;

/// <summary>rm [-r] REMOTE</summary>
internal sealed class RmShellCommand : ShellCommand
{
    public override string Name => "rm";

    public override IReadOnlyList<string> Aliases => new[] { "delete" };

    public override string Usage => "[-r] REMOTE";

    public override string Summary => "delete a remote file or empty folder (-r: a folder with everything in it)";

    public override IReadOnlyList<ShellParameter> Parameters { get; } = new[] { new ShellParameter("remote-file", true) };

    public override IReadOnlyList<string> Flags { get; } = new[] { "-r" };

    public override Task RunAsync(ShellInvocation invocation, CancellationToken cancellationToken)
    {
        var path = invocation.Argument(0)!;
        return invocation.Flags.Contains("-r")
            ? invocation.Client.DeleteTreeAsync(path, FtpLite.Client.FtpClient.DefaultTreeDepth, cancellationToken)
            : RmCommand.DeleteAsync(invocation.Client, path, cancellationToken, suggestRecursive: true);
    }
}
