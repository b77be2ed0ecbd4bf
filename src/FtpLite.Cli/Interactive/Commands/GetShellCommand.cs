using FtpLite.Cli.Client;
using FtpLite.Client;

namespace FtpLite.Cli.Interactive.Commands;

/// <summary>get [-f|-c] REMOTE [LOCAL]</summary>
internal sealed class GetShellCommand : ShellCommand
{
    public override string Name => "get";

    public override IReadOnlyList<string> Aliases => new[] { "recv" };

    public override string Usage => "[-f|-c] REMOTE [LOCAL]";

    public override string Summary => "download a file (-f replaces an existing one, -c continues a partial one)";

    public override IReadOnlyList<ShellParameter> Parameters { get; } = new[] { new ShellParameter("remote-file", true), new ShellParameter("local-file", false) };

    public override IReadOnlyList<string> Flags { get; } = new[] { "-f", "-c" };

    public override async Task RunAsync(ShellInvocation invocation, CancellationToken cancellationToken)
    {
        var remote = invocation.Argument(0)!;
        var name = LocalNameOf(remote);
        if (name.Length == 0) throw new ArgumentException($"'{remote}' is a folder; get downloads files");
        var local = invocation.LocalPath(invocation.Argument(1) ?? name);
        if (Directory.Exists(local)) local = Path.Combine(local, name);
        var options = new FtpTransferOptions { Overwrite = invocation.Flags.Contains("-f"), Resume = invocation.Flags.Contains("-c") };

        var progress = ProgressLine.For(invocation.Session.Context, name);
        try
        {
            var result = await invocation.Client.DownloadFileAsync(remote, local, options, progress, cancellationToken).ConfigureAwait(false);
            progress?.Clear();
            invocation.Output.WriteLine(TransferSummary.Format(result));
        }
        catch (FtpException e) when (e.Kind == FtpErrorKind.AlreadyExists)
        {
            throw new FtpException(e.Kind, $"'{local}' exists; 'get -f' replaces it, 'get -c' continues it, or name another local file", e.Reply, e);
        }
        finally
        {
            progress?.Clear();
        }
    }
}
