namespace FtpLite.PowerShell.Infrastructure;

/// <summary>A failure a cmdlet found itself (a missing server, a bad option), so that its ErrorRecord still carries an exception.</summary>
public sealed class FtpLiteCommandException : Exception
{
    public FtpLiteCommandException(string message)
        : base(message)
    {
    }
}
