using System.Management.Automation;
using FtpLite.Client;

namespace FtpLite.PowerShell.Client;

/// <summary>
/// One file of a parallel batch (-ThrottleLimit above 1): how to move it over any connected client, and, once a worker
/// has run it, its outcome, which the pipeline thread writes in the batch's order.
/// </summary>
internal sealed class TransferJob
{
    private long _bytes;
    private int _done;

    public TransferJob(
        object target,
        string failure,
        long? length,
        Func<FtpClient, IProgress<FtpTransferProgress>?, CancellationToken, Task<FtpTransferResult>> run,
        Action<FtpTransferResult> report)
    {
        Target = target;
        Failure = failure;
        Length = length;
        Run = run;
        Report = report;
    }

    /// <summary>The error record's target: the file that did not arrive.</summary>
    public object Target { get; }

    /// <summary>"Uploading 'a' to 'b'": the start of the error message when it fails.</summary>
    public string Failure { get; }

    /// <summary>The file's size when known beforehand, for the batch's progress.</summary>
    public long? Length { get; }

    /// <summary>The transfer itself; runs on a worker (thread pool).</summary>
    public Func<FtpClient, IProgress<FtpTransferProgress>?, CancellationToken, Task<FtpTransferResult>> Run { get; }

    /// <summary>Writes a successful result (output, verbose notes); pipeline thread only.</summary>
    public Action<FtpTransferResult> Report { get; }

    public FtpTransferResult? Result { get; private set; }

    public Exception? Error { get; private set; }

    /// <summary>An error found before the batch ran (two files for one target); the job is then done from the start.</summary>
    public ErrorRecord? Refusal { get; private set; }

    /// <summary>True once the outcome is set; read by the pipeline thread, set by a worker.</summary>
    public bool IsDone => Volatile.Read(ref _done) != 0;

    /// <summary>Bytes moved so far, from the library's progress reports.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public void Refuse(ErrorRecord refusal)
    {
        Refusal = refusal;
        Volatile.Write(ref _done, 1);
    }

    public void Complete(FtpTransferResult result)
    {
        Result = result;
        Interlocked.Exchange(ref _bytes, result.Bytes);
        Volatile.Write(ref _done, 1);
    }

    public void Fail(Exception error)
    {
        Error = error;
        Volatile.Write(ref _done, 1);
    }

    /// <summary>A sink for the library's progress on this file: it only records the byte count; the pipeline thread reads it.</summary>
    public IProgress<FtpTransferProgress> ProgressSink() => new Sink(this);

    private sealed class Sink : IProgress<FtpTransferProgress>
    {
        private readonly TransferJob _job;

        public Sink(TransferJob job) => _job = job;

        public void Report(FtpTransferProgress value) => Interlocked.Exchange(ref _job._bytes, value.BytesTransferred);
    }
}
