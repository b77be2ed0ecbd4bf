namespace FtpLite.Cli.CommandLine;

/// <summary>What the process returns, so scripts can tell a typo from a failure, and one kind of failure from another.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Something went wrong while running: a port taken, a folder unreadable, a command the server refused.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself was wrong; nothing was started.</summary>
    public const int Usage = 2;

    /// <summary>No session with the server: refused, unreachable, timed out, or its TLS certificate rejected.</summary>
    public const int Connection = 3;

    /// <summary>The server refused the user name or password.</summary>
    public const int Login = 4;

    /// <summary>A file or folder named on the command line does not exist (remote or local).</summary>
    public const int NotFound = 5;

    /// <summary>A transfer failed or was refused: the target exists (without --force), the connection dropped, the hash differed.</summary>
    public const int Transfer = 6;

    /// <summary>The lines "--help" prints about these codes, for every client verb.</summary>
    public const string ClientHelp =
        "Exit codes: 0 success, 1 other failure, 2 bad command line, 3 cannot connect (or certificate\n" +
        "rejected), 4 login refused, 5 not found, 6 transfer failed or target exists.";
}
