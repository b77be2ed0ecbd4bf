namespace FtpLite.PowerShell.Infrastructure;

/// <summary>
/// Every ErrorRecord id the module writes, in one place: users and tests match on these
/// (<c>FullyQualifiedErrorId</c> starts with one of them), so they never change once shipped.
/// </summary>
internal static class ErrorIds
{
    // Server cmdlets.
    public const string PortInUse = "FtpLite.PortInUse";
    public const string ListenFailed = "FtpLite.ListenFailed";
    public const string RootNotFound = "FtpLite.RootNotFound";
    public const string InvalidServerOption = "FtpLite.InvalidServerOption";
    public const string ServerNameInUse = "FtpLite.ServerNameInUse";
    public const string ServerNotFound = "FtpLite.ServerNotFound";
    public const string ServerStopFailed = "FtpLite.ServerStopFailed";

    // Client cmdlets (named now so the list stays in one file; used from phase 2).
    public const string ConnectionFailed = "FtpLite.ConnectionFailed";
    public const string LoginFailed = "FtpLite.LoginFailed";
    public const string SessionNotFound = "FtpLite.SessionNotFound";
    public const string RemoteItemNotFound = "FtpLite.RemoteItemNotFound";
    public const string RemoteItemExists = "FtpLite.RemoteItemExists";
    public const string LocalItemNotFound = "FtpLite.LocalItemNotFound";
    public const string LocalItemExists = "FtpLite.LocalItemExists";
    public const string TransferFailed = "FtpLite.TransferFailed";
    public const string HashMismatch = "FtpLite.HashMismatch";
    public const string OperationTimedOut = "FtpLite.OperationTimedOut";

    // Anything the mapping below has no better id for.
    public const string Unexpected = "FtpLite.Unexpected";
}
