using FtpLite.Client;

namespace FtpLite.Cli.Interactive;

/// <summary>What one command at the prompt gets: the client, the session, its arguments (prompted ones included) and its flags.</summary>
internal sealed class ShellInvocation
{
    public ShellInvocation(InteractiveSession session, IReadOnlyList<string> arguments, IReadOnlySet<string> flags)
    {
        Session = session;
        Arguments = arguments;
        Flags = flags;
    }

    public InteractiveSession Session { get; }

    public FtpClient Client => Session.Client;

    public TextWriter Output => Session.Context.Output;

    public IReadOnlyList<string> Arguments { get; }

    public IReadOnlySet<string> Flags { get; }

    /// <summary>The argument at <paramref name="index"/>, or null when absent or left empty at its prompt.</summary>
    public string? Argument(int index) => index < Arguments.Count && Arguments[index].Length > 0 ? Arguments[index] : null;

    /// <summary>A local path made absolute against the session's local folder.</summary>
    public string LocalPath(string path) => System.IO.Path.GetFullPath(path, Session.LocalDirectory);
}
