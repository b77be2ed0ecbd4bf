namespace FtpLite.Client;

/// <summary>One file for an <see cref="FtpTransferPool"/>: which way it moves, from where to where, and how.</summary>
/// <param name="Direction">Upload (local to remote) or download (remote to local).</param>
/// <param name="LocalPath">The local file: the source of an upload, the target of a download.</param>
/// <param name="RemotePath">The remote file: the target of an upload, the source of a download.</param>
/// <param name="Options">As for a single transfer; null is the defaults.</param>
/// <param name="Length">
/// The file's size when the caller knows it (from a walk or a listing), for the batch's byte total; an upload's is read
/// from the local file when not given. Null leaves the total unknown until the transfer says.
/// </param>
public sealed record FtpBatchItem(
    FtpTransferDirection Direction, string LocalPath, string RemotePath, FtpTransferOptions? Options = null, long? Length = null)
{
    /// <summary>Where the file lands: the remote path of an upload, the local path of a download.</summary>
    public string Target => Direction == FtpTransferDirection.Upload ? RemotePath : LocalPath;

    /// <summary>Where the file comes from.</summary>
    public string Source => Direction == FtpTransferDirection.Upload ? LocalPath : RemotePath;
}
