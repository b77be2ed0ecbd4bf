using FtpLite.Client;

namespace FtpLite.Tests.Client;

/// <summary>Records progress on the reporting thread (Progress&lt;T&gt; would post it elsewhere, too late for an assertion).</summary>
internal sealed class SyncProgress : IProgress<FtpTransferProgress>
{
    private readonly Action<FtpTransferProgress>? _onReport;

    public SyncProgress(Action<FtpTransferProgress>? onReport = null) => _onReport = onReport;

    public List<FtpTransferProgress> Reports { get; } = new();

    public void Report(FtpTransferProgress value)
    {
        lock (Reports) Reports.Add(value);
        _onReport?.Invoke(value);
    }
}
