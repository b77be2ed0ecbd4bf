namespace FtpLite.Client;

/// <summary>A snapshot of a running transfer, as reported to an <see cref="IProgress{T}"/>.</summary>
public sealed class FtpTransferProgress
{
    public FtpTransferProgress(string remotePath, long bytesTransferred, long? totalBytes, TimeSpan elapsed, long bytesThisTransfer)
    {
        RemotePath = remotePath;
        BytesTransferred = bytesTransferred;
        TotalBytes = totalBytes;
        Elapsed = elapsed;
        BytesThisTransfer = bytesThisTransfer;
    }

    public string RemotePath { get; }

    /// <summary>Bytes of the file now at the destination, counting a resumed transfer's starting offset.</summary>
    public long BytesTransferred { get; }

    /// <summary>The file's full length, or null when unknown (a server without SIZE).</summary>
    public long? TotalBytes { get; }

    public TimeSpan Elapsed { get; }

    /// <summary>Bytes moved by this transfer alone (without a resume offset), the basis of the speed.</summary>
    public long BytesThisTransfer { get; }

    public double BytesPerSecond => Elapsed.TotalSeconds > 0 ? BytesThisTransfer / Elapsed.TotalSeconds : 0;

    /// <summary>0 to 100, or null when the total is unknown.</summary>
    public double? PercentComplete =>
        TotalBytes is { } total ? (total == 0 ? 100 : Math.Min(100, BytesTransferred * 100.0 / total)) : null;
}
