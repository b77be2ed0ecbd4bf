using FtpLite.Protocol.Hashing;
namespace FtpLite.Client;

/// <summary>What a file transfer did.</summary>
public sealed class FtpTransferResult
{
    public FtpTransferResult(
        FtpTransferDirection direction,
        string localPath,
        string remotePath,
        long bytes,
        long length,
        long resumedFrom,
        TimeSpan duration,
        FtpHashAlgorithm? hashAlgorithm,
        string? hash,
        bool? hashVerified,
        FtpVerification verification = FtpVerification.None)
    {
        Verification = verification;
        Direction = direction;
        LocalPath = localPath;
        RemotePath = remotePath;
        Bytes = bytes;
        Length = length;
        ResumedFrom = resumedFrom;
        Duration = duration;
        HashAlgorithm = hashAlgorithm;
        Hash = hash;
        HashVerified = hashVerified;
    }

    public FtpTransferDirection Direction { get; }

    public string LocalPath { get; }

    public string RemotePath { get; }

    /// <summary>Bytes moved over the network by this transfer (less than the file's length after a resume).</summary>
    public long Bytes { get; }

    /// <summary>The file's length at the destination when the transfer ended.</summary>
    public long Length { get; }

    /// <summary>The offset a resumed transfer started from; 0 for a whole transfer.</summary>
    public long ResumedFrom { get; }

    public TimeSpan Duration { get; }

    public double BytesPerSecond => Duration.TotalSeconds > 0 ? Bytes / Duration.TotalSeconds : 0;

    public FtpHashAlgorithm? HashAlgorithm { get; }

    /// <summary>The file's hash in lower-case hex, when one was computed.</summary>
    public string? Hash { get; }

    /// <summary>True when the server's hash matched; null when not checked (a mismatch throws instead).</summary>
    public bool? HashVerified { get; }

    /// <summary>The check that was made and passed: Hash, Size, or None when nothing was compared.</summary>
    public FtpVerification Verification { get; }
}
