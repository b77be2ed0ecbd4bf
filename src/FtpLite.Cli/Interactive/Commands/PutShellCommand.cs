using FtpLite.Cli.Client;
using FtpLite.Client;

namespace FtpLite.Cli.Interactive.Commands;

/// <summary>put [-f|-c] LOCAL [REMOTE]</summary>
internal sealed class PutShellCommand : ShellCommand
{
    public override string Name => "put";

    public override IReadOnlyList<string> Aliases => new[] { "send" };

    public override string Usage => "[-f|-c] LOCAL [REMOTE]";

    public override string Summary => "upload a file (-f replaces an existing one, -c continues a partial one)";

    public override IReadOnlyList<ShellParameter> Parameters { get; } = new[] { new ShellParameter("local-file", true), new ShellParameter("remote-file", false) };

    public override IReadOnlyList<string> Flags { get; } = new[] { "-f", "-c" };

    public override async Task RunAsync(ShellInvocation invocation, CancellationToken cancellationToken)
    {
        var local = invocation.LocalPath(invocation.Argument(0)!);
        if (!File.Exists(local)) throw new FileNotFoundException($"no such local file '{invocation.Argument(0)}'", local);
        var remote = invocation.Argument(1) ?? RemoteNameOf(local);
        var options = new FtpTransferOptions { Overwrite = invocation.Flags.Contains("-f"), Resume = invocation.Flags.Contains("-c") };

        var progress = ProgressLine.For(invocation.Session.Context, Path.GetFileName(local));
        try
        {
            var result = await invocation.Client.UploadFileAsync(local, remote, options, progress, cancellationToken).ConfigureAwait(false);
            progress?.Clear();
            invocation.Output.WriteLine(TransferSummary.Format(result));
        }
        catch (FtpException e) when (e.Kind == FtpErrorKind.AlreadyExists)
        {
            throw new FtpException(e.Kind, $"'{remote}' exists on the server; 'put -f' replaces it, 'put -c' continues it", e.Reply, e);
        }
        finally
        {
            progress?.Clear();
        }
    }
}
