using FtpLite.Client;

namespace FtpLite.PowerShell.Client;

/// <summary>
/// One file a transfer cmdlet collected for a parallel run (-ThrottleLimit above 1): the library's batch item, and what
/// the cmdlet writes for it once the pool has moved it (or not).
/// </summary>
internal sealed class QueuedTransfer
{
    public QueuedTransfer(FtpBatchItem item, object target, string failure, Action<FtpTransferResult> report)
    {
        Item = item;
        Target = target;
        Failure = failure;
        Report = report;
    }

    public FtpBatchItem Item { get; }

    /// <summary>The error record's target: the file that did not arrive.</summary>
    public object Target { get; }

    /// <summary>"Uploading 'a' to 'b'": the start of the error message when it fails.</summary>
    public string Failure { get; }

    /// <summary>Writes a successful result (output, verbose notes); pipeline thread only.</summary>
    public Action<FtpTransferResult> Report { get; }
}
