using FtpLite.Client;

namespace FtpLite.Tests.Client;

public class TransferProgressReporterTests
{
    private sealed class Recorder : IProgress<FtpTransferProgress>
    {
        public List<FtpTransferProgress> Reports { get; } = new();
        public void Report(FtpTransferProgress value) => Reports.Add(value);
    }

    [Fact]
    public void Add_ManyQuickChunks_ReportsFewTimesThenOnceAtCompletion()
    {
        var recorder = new Recorder();
        var reporter = new TransferProgressReporter(recorder, "/f", startOffset: 100, totalBytes: 100 + 10_000);

        for (var i = 0; i < 10_000; i++) reporter.Add(1);
        reporter.Complete();

        // 10,000 calls in far less than a second: the first, perhaps one or two more, and the final one.
        Assert.InRange(recorder.Reports.Count, 2, 5);
        var last = recorder.Reports[recorder.Reports.Count - 1];
        Assert.Equal(10_100, last.BytesTransferred);
        Assert.Equal(10_000, last.BytesThisTransfer);
        Assert.Equal(100.0, last.PercentComplete);
    }

    [Fact]
    public void PercentComplete_UnknownTotal_Null()
    {
        var progress = new FtpTransferProgress("/f", 10, null, TimeSpan.FromSeconds(1), 10);

        Assert.Null(progress.PercentComplete);
        Assert.Equal(10, progress.BytesPerSecond);
    }
}
