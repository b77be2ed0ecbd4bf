using FtpLite.Client;

namespace FtpLite.Cli.Interactive;

/// <summary>One command of the "ftp>" prompt. Missing arguments are prompted for by the session, using <see cref="Parameters"/>.</summary>
internal abstract class ShellCommand
{
    public abstract string Name { get; }

    /// <summary>Other words that run this command ("bye" for "quit").</summary>
    public virtual IReadOnlyList<string> Aliases => Array.Empty<string>();

    /// <summary>What follows the name in "help": "[-f|-c] LOCAL [REMOTE]".</summary>
    public abstract string Usage { get; }

    public abstract string Summary { get; }

    public virtual IReadOnlyList<ShellParameter> Parameters => Array.Empty<ShellParameter>();

    /// <summary>Single-letter switches the command takes, like "-f"; anything else starting with "-" is a mistake.</summary>
    public virtual IReadOnlyList<string> Flags => Array.Empty<string>();

    /// <summary>True for the command that ends the session.</summary>
    public virtual bool EndsSession => false;

    public abstract Task RunAsync(ShellInvocation invocation, CancellationToken cancellationToken);

    /// <summary>The remote name a local file gets, and the local name a remote one gets, when not given.</summary>
    protected static string RemoteNameOf(string local) => Path.GetFileName(local);

    protected static string LocalNameOf(string remote) => RemotePath.GetFileName(remote);
}
