using System.Diagnostics;

namespace FtpLite.Client;

/// <summary>Counts bytes and reports to an <see cref="IProgress{T}"/> at most every 100 ms, plus once at the end, so progress costs nothing.</summary>
internal sealed class TransferProgressReporter
{
    private static readonly long IntervalTicks = Stopwatch.Frequency / 10;
    private readonly IProgress<FtpTransferProgress>? _target;
    private readonly string _remotePath;
    private readonly long _startOffset;
    private long? _totalBytes;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastReport;

    public TransferProgressReporter(IProgress<FtpTransferProgress>? target, string remotePath, long startOffset, long? totalBytes)
    {
        _target = target;
        _remotePath = remotePath;
        _startOffset = startOffset;
        _totalBytes = totalBytes;
        _lastReport = -IntervalTicks;
    }

    public long Bytes { get; private set; }

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Sets the total when no SIZE told it before the transfer.</summary>
    public void LearnTotal(long totalBytes) => _totalBytes ??= _startOffset + totalBytes;

    public void Add(long bytes)
    {
        Bytes += bytes;
        if (_target is null) return;
        var now = _clock.ElapsedTicks;
        if (now - _lastReport < IntervalTicks) return;
        _lastReport = now;
        Report();
    }

    /// <summary>The last report, so a caller always sees the final count.</summary>
    public void Complete()
    {
        _clock.Stop();
        if (_target is not null) Report();
    }

    private void Report() =>
        _target!.Report(new FtpTransferProgress(_remotePath, _startOffset + Bytes, _totalBytes, _clock.Elapsed, Bytes));
}
