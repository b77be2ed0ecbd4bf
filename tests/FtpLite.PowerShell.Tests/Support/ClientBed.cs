using System.Management.Automation;

namespace FtpLite.PowerShell.Tests.Support;

/// <summary>
/// A user's session for the client cmdlets: the module imported, an FtpLite server started in the same session on port
/// 0 (as $server) serving <see cref="Remote"/>, the current location set to <see cref="Local"/>, and, unless told not
/// to, a default session from Connect-FtpLite. Everything is stopped and deleted on dispose.
/// </summary>
public sealed class ClientBed : IDisposable
{
    /// <param name="serverArguments">More Start-FtpLiteServer parameters; $args[1] in them is <paramref name="serverArgument"/>.</param>
    public ClientBed(bool connect = true, string serverArguments = "", object? serverArgument = null)
    {
        Session = PowerShellSession.Start();
        Server = Session.Run($"$server = Start-FtpLiteServer -Port 0 -Root $args[0] {serverArguments}; $server", Remote.Path, serverArgument).Single();
        Session.Run("$ExecutionContext.SessionState.Path.SetLocation($args[0]) | Out-Null", Local.Path);
        if (connect) Session.Run("Connect-FtpLite $server | Out-Null");
    }

    public TempFolder Remote { get; } = new();

    public TempFolder Local { get; } = new();

    public PowerShellSession Session { get; }

    public PSObject Server { get; }

    public int Port => Server.Get<int>("Port");

    public ScriptResult Run(string script, params object?[] arguments) => Session.Run(script, arguments);

    /// <summary>Writes a file under the server's root ("a/b.txt" creates a) and returns its full local path.</summary>
    public string RemoteFile(string relative, string content) => Write(Remote.Path, relative, content);

    public string LocalFile(string relative, string content) => Write(Local.Path, relative, content);

    public string RemotePath(string relative) => Path.Combine(Remote.Path, relative.Replace('/', Path.DirectorySeparatorChar));

    public string LocalPath(string relative) => Path.Combine(Local.Path, relative.Replace('/', Path.DirectorySeparatorChar));

    public void Dispose()
    {
        try
        {
            Session.Run("Get-FtpLiteServer | Stop-FtpLiteServer");
        }
        finally
        {
            Session.Dispose();
            Remote.Dispose();
            Local.Dispose();
        }
    }

    private static string Write(string root, string relative, string content)
    {
        var path = Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }
}
