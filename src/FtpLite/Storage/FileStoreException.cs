namespace FtpLite.Storage;

/// <summary>Why a store refused or failed an operation; the session turns each kind into its FTP reply.</summary>
public enum FileStoreError
{
    NotFound,
    AlreadyExists,
    InvalidName,
    NotEmpty,
    NotAFile,
    NotADirectory,
    AccessDenied,
    NoSpace,
    Failed,
}

/// <summary>A store's refusal or failure. Its message is sent to the client as it stands: it must not name a server path.</summary>
public sealed class FileStoreException : IOException
{
    public FileStoreException(FileStoreError error, string message, Exception? inner = null) : base(message, inner)
    {
        Error = error;
    }

    public FileStoreError Error { get; }
}
