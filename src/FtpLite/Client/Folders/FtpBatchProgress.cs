namespace FtpLite.Client;

/// <summary>A snapshot of a whole <see cref="FtpTransferPool"/> run: files and bytes so far, and what is moving now.</summary>
public sealed class FtpBatchProgress
{
    public FtpBatchProgress(int filesDone, int filesTotal, long bytesDone, long? bytesTotal, int sessions, IReadOnlyList<FtpBatchRunning> running)
    {
        FilesDone = filesDone;
        FilesTotal = filesTotal;
        BytesDone = bytesDone;
        BytesTotal = bytesTotal;
        Sessions = sessions;
        Running = running;
    }

    /// <summary>Items finished, succeeded or failed.</summary>
    public int FilesDone { get; }

    public int FilesTotal { get; }

    /// <summary>Bytes at their destination: finished files whole, running ones as far as they have come.</summary>
    public long BytesDone { get; }

    /// <summary>The sum of every file's size, or null while one is still unknown (a download not given its length).</summary>
    public long? BytesTotal { get; }

    /// <summary>Sessions at work.</summary>
    public int Sessions { get; }

    /// <summary>The transfers running now, one per busy session, in input order.</summary>
    public IReadOnlyList<FtpBatchRunning> Running { get; }

    /// <summary>0 to 100: by bytes where the total is known, else by files.</summary>
    public double PercentComplete =>
        BytesTotal is > 0 ? Math.Min(100, BytesDone * 100.0 / BytesTotal.Value)
        : FilesTotal == 0 ? 100 : FilesDone * 100.0 / FilesTotal;
}

/// <summary>One transfer running in a pool, with its own bytes.</summary>
public sealed class FtpBatchRunning
{
    public FtpBatchRunning(int index, FtpBatchItem item, long bytesTransferred, long? totalBytes)
    {
        Index = index;
        Item = item;
        BytesTransferred = bytesTransferred;
        TotalBytes = totalBytes;
    }

    /// <summary>The item's place in the input.</summary>
    public int Index { get; }

    public FtpBatchItem Item { get; }

    public long BytesTransferred { get; }

    public long? TotalBytes { get; }
}
