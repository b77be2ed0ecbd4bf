namespace FtpLite.Cli.CommandLine;

/// <summary>A command line that cannot be run as written. Its message is the one line the user sees.</summary>
public sealed class UsageException : Exception
{
    public UsageException(string message) : base(message)
    {
    }
}
