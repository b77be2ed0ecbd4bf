using FtpLite.Cli.Client;
using FtpLite.Cli.Commands;

namespace FtpLite.Cli.Interactive.Commands;

/// <summary>ls [-R] [PATH]</summary>
internal sealed class LsShellCommand : ShellCommand
{
    public override string Name => "ls";

    public override IReadOnlyList<string> Aliases => new[] { "dir" };

    public override string Usage => "[-R] [PATH]";

    public override string Summary => "list the remote folder, or PATH (-R: with its subfolders, folder by folder)";

    public override IReadOnlyList<ShellParameter> Parameters { get; } = new[] { new ShellParameter("remote-path", false) };

    public override IReadOnlyList<string> Flags { get; } = new[] { "-R" };

    public override async Task RunAsync(ShellInvocation invocation, CancellationToken cancellationToken)
    {
        if (invocation.Flags.Contains("-R"))
        {
            // A folder left out (too deep, refused) is already a line on stderr; the rest is listed.
            await LsCommand.ListTreeAsync(invocation.Client, invocation.Argument(0), json: false, invocation.Session.Context, cancellationToken).ConfigureAwait(false);
            return;
        }
        var items = await LsCommand.ListAsync(invocation.Client, invocation.Argument(0), cancellationToken).ConfigureAwait(false);
        foreach (var line in ListingFormat.Lines(items)) invocation.Output.WriteLine(line);
    }
}
