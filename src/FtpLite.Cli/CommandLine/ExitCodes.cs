namespace FtpLite.Cli.CommandLine;

/// <summary>What the process returns, so scripts can tell a typo from a failure.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Something went wrong while running: a port taken, a folder unreadable.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself was wrong; nothing was started.</summary>
    public const int Usage = 2;
}
