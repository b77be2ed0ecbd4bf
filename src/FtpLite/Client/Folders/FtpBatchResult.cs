namespace FtpLite.Client;

/// <summary>
/// One item's outcome in an <see cref="FtpTransferPool"/> run. On success <see cref="Result"/> is set and
/// <see cref="Error"/> is null. On failure <see cref="Error"/> is set; <see cref="Result"/> is also set when the file
/// moved but the pool's after-each step then failed.
/// </summary>
public sealed class FtpBatchResult
{
    public FtpBatchResult(FtpBatchItem item, FtpTransferResult? result, Exception? error, bool skipped = false)
    {
        Item = item ?? throw new ArgumentNullException(nameof(item));
        Result = result;
        Error = error;
        Skipped = skipped;
    }

    public FtpBatchItem Item { get; }

    public FtpTransferResult? Result { get; }

    public Exception? Error { get; }

    /// <summary>
    /// True when the item never ran: refused for a target an earlier item has, or left when the run was stopped or no
    /// session was left. <see cref="Error"/> says which.
    /// </summary>
    public bool Skipped { get; }

    public bool Succeeded => Error is null && Result is not null;
}
