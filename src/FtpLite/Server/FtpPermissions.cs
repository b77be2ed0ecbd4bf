namespace FtpLite.Server;

/// <summary>What an account may do inside its root.</summary>
[Flags]
public enum FtpPermissions
{
    None = 0,

    /// <summary>List folders and download files.</summary>
    Read = 1,

    /// <summary>Upload, append, create folders and rename.</summary>
    Write = 2,

    /// <summary>Delete files and folders.</summary>
    Delete = 4,

    ReadWrite = Read | Write | Delete,
}
