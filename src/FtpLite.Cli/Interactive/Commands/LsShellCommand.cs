using FtpLite.Cli.Client;
using FtpLite.Cli.Commands;

namespace FtpLite.Cli.Interactive.Commands;

/// <summary>ls [PATH]</summary>
internal sealed class LsShellCommand : ShellCommand
{
    public override string Name => "ls";

    public override IReadOnlyList<string> Aliases => new[] { "dir" };

    public override string Usage => "[PATH]";

    public override string Summary => "list the remote folder, or PATH";

    public override IReadOnlyList<ShellParameter> Parameters { get; } = new[] { new ShellParameter("remote-path", false) };

    public override async Task RunAsync(ShellInvocation invocation, CancellationToken cancellationToken)
    {
        var items = await LsCommand.ListAsync(invocation.Client, invocation.Argument(0), cancellationToken).ConfigureAwait(false);
        foreach (var line in ListingFormat.Lines(items)) invocation.Output.WriteLine(line);
    }
}
