namespace FtpLite.PowerShell;

/// <summary>Where a server started by Start-FtpLiteServer is in its life.</summary>
public enum FtpLiteServerState
{
    Running,
    Stopping,
    Stopped,
}
