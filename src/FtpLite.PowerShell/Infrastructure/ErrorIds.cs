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

    // Stores (New-FtpLiteS3Store).
    public const string InvalidStoreOption = "FtpLite.InvalidStoreOption";
    public const string StoreCredentialsNotFound = "FtpLite.StoreCredentialsNotFound";
    public const string StoreNotAvailable = "FtpLite.StoreNotAvailable";

    // Server TLS.
    public const string CertificateNotLoaded = "FtpLite.CertificateNotLoaded";
    public const string CertificateNotCreated = "FtpLite.CertificateNotCreated";

    // Client cmdlets.
    public const string ConnectionFailed = "FtpLite.ConnectionFailed";
    public const string ConnectionLost = "FtpLite.ConnectionLost";
    public const string LoginFailed = "FtpLite.LoginFailed";
    public const string InvalidConnectionOption = "FtpLite.InvalidConnectionOption";
    public const string SessionNotFound = "FtpLite.SessionNotFound";
    public const string SessionClosed = "FtpLite.SessionClosed";
    public const string RemoteItemNotFound = "FtpLite.RemoteItemNotFound";
    public const string LocalItemNotFound = "FtpLite.LocalItemNotFound";
    public const string TargetExists = "FtpLite.TargetExists";
    public const string InvalidDestination = "FtpLite.InvalidDestination";
    public const string RecurseRequired = "FtpLite.RecurseRequired";
    public const string DirectoryNotEmpty = "FtpLite.DirectoryNotEmpty";
    public const string PermissionDenied = "FtpLite.PermissionDenied";
    public const string TransferFailed = "FtpLite.TransferFailed";
    public const string MirrorRefused = "FtpLite.MirrorRefused";
    public const string InvalidMirrorOption = "FtpLite.InvalidMirrorOption";
    public const string RemoteOperationFailed = "FtpLite.RemoteOperationFailed";
    public const string HashMismatch = "FtpLite.HashMismatch";
    public const string HashNotSupported = "FtpLite.HashNotSupported";
    public const string OperationTimedOut = "FtpLite.OperationTimedOut";
    public const string CertificateRejected = "FtpLite.CertificateRejected";

    // Anything the mapping below has no better id for.
    public const string Unexpected = "FtpLite.Unexpected";
}
