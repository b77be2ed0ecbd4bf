using System.Diagnostics;
using FtpLite.Protocol.Hashing;

namespace FtpLite.Client;

/// <summary>Downloads (RETR): to a stream from any offset, or to a file, atomically or resuming a partial one.</summary>
public sealed partial class FtpClient
{
    /// <summary>
    /// Downloads <paramref name="remotePath"/> into <paramref name="destination"/> (written from its current position).
    /// With <paramref name="offset"/> above 0 the server starts there (REST), for resuming. Returns the bytes received.
    /// </summary>
    public Task<long> DownloadAsync(
        string remotePath, Stream destination, long offset = 0, IProgress<FtpTransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        CheckPath(remotePath, nameof(remotePath));
        if (destination is null) throw new ArgumentNullException(nameof(destination));
        if (offset < 0) throw new ArgumentOutOfRangeException(nameof(offset), offset, "The offset cannot be negative.");
        return RunAsync(token => DownloadCoreAsync(remotePath, destination, offset, progress, token), cancellationToken);
    }

    /// <summary>
    /// Downloads to a local file. The bytes land in "name.ftplite-part" beside the target, renamed into place only when
    /// complete (and verified), so a failure never leaves a partial target. An interrupted download keeps its part;
    /// with <see cref="FtpTransferOptions.Resume"/> the next one continues it (or a shorter target, extended in place).
    /// </summary>
    public Task<FtpTransferResult> DownloadFileAsync(
        string remotePath, string localPath, FtpTransferOptions? options = null, IProgress<FtpTransferProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        CheckPath(remotePath, nameof(remotePath));
        if (string.IsNullOrEmpty(localPath)) throw new ArgumentException("Give a local path.", nameof(localPath));
        var local = Path.GetFullPath(localPath);
        return RunAsync(token => DownloadFileCoreAsync(remotePath, local, options ?? new FtpTransferOptions(), progress, token), cancellationToken);
    }

    private async Task<long> DownloadCoreAsync(string remotePath, Stream destination, long offset, IProgress<FtpTransferProgress>? progress, CancellationToken cancellationToken)
    {
        TransferProgressReporter? reporter = null;
        if (progress is not null)
        {
            var total = NeedsSizeForProgress(progress) ? await TryGetSizeCoreAsync(remotePath, cancellationToken).ConfigureAwait(false) : null;
            reporter = new TransferProgressReporter(progress, Resolve(remotePath), offset, total);
        }
        return await TransferAsync("RETR " + remotePath, DataFlow.Receive, destination, offset, reporter, cancellationToken).ConfigureAwait(false);
    }

    private async Task<FtpTransferResult> DownloadFileCoreAsync(
        string remotePath, string local, FtpTransferOptions options, IProgress<FtpTransferProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        if (Directory.Exists(local)) throw new FtpException(FtpErrorKind.AlreadyExists, $"'{local}' is a directory.");
        var exists = File.Exists(local);
        if (exists && !options.Overwrite && !options.Resume)
            throw new FtpException(FtpErrorKind.AlreadyExists, $"'{local}' exists; ask to overwrite or to resume.");

        var part = DownloadParts.PathFor(local);
        if (options.Resume) DownloadParts.AdoptLeftovers(local, part);
        var partHave = options.Resume && File.Exists(part) ? new FileInfo(part).Length : 0;
        var targetHave = options.Resume && exists ? new FileInfo(local).Length : 0;
        // SIZE only where resuming needs it, or progress needs a total the opening reply will not tell.
        var resuming = partHave > 0 || targetHave > 0;
        var remoteSize = resuming || NeedsSizeForProgress(progress) ? await TryGetSizeCoreAsync(remotePath, cancellationToken).ConfigureAwait(false) : null;
        var job = new Download(remotePath, local, part, remoteSize, options, progress);

        long bytes;
        long resumedFrom = 0;
        Verification verification;
        try
        {
            if (Fits(partHave, remoteSize))
            {
                resumedFrom = partHave;
                (bytes, verification) = await DownloadViaPartAsync(job, partHave, cancellationToken).ConfigureAwait(false);
            }
            else if (Fits(targetHave, remoteSize))
            {
                // A partial file under the target's own name (another program's, or a copy stopped by hand): extended in place.
                resumedFrom = targetHave;
                var (moved, hash) = await ReceiveIntoFileAsync(job, local, targetHave, cancellationToken).ConfigureAwait(false);
                bytes = moved;
                verification = await VerifyAsync(remotePath, local, options, job.Algorithm, hash, cancellationToken, options.ListedLength).ConfigureAwait(false);
            }
            else
            {
                (bytes, verification) = await DownloadViaPartAsync(job, 0, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (FtpRestartRefusedException)
        {
            // The server cannot resume: fetch the whole file after all, still without touching the target until done.
            resumedFrom = 0;
            (bytes, verification) = await DownloadViaPartAsync(job, 0, cancellationToken).ConfigureAwait(false);
        }

        return new FtpTransferResult(FtpTransferDirection.Download, local, Resolve(remotePath), bytes, new FileInfo(local).Length, resumedFrom,
            clock.Elapsed, verification.Algorithm, verification.Hash, verification.Verified, verification.Kind);
    }

    /// <summary>A local length worth resuming from: some bytes, and no more than the remote file has (when known).</summary>
    private static bool Fits(long have, long? remoteSize) => have > 0 && (remoteSize is null || have <= remoteSize);

    /// <summary>What one file download needs at each of its steps.</summary>
    private sealed class Download
    {
        public Download(string remotePath, string local, string part, long? remoteSize, FtpTransferOptions options, IProgress<FtpTransferProgress>? progress)
        {
            RemotePath = remotePath;
            Local = local;
            Part = part;
            RemoteSize = remoteSize;
            Options = options;
            Progress = progress;
        }

        public string RemotePath { get; }
        public string Local { get; }
        public string Part { get; }
        public long? RemoteSize { get; }
        public FtpTransferOptions Options { get; }
        public IProgress<FtpTransferProgress>? Progress { get; }
        public FtpHashAlgorithm? Algorithm { get; set; }
    }

    /// <summary>
    /// Receives into the part file from <paramref name="offset"/> (0 starts it afresh), verifies, and renames it over the
    /// target. A failure keeps the part for a later resume, unless it is empty or proved wrong by the verification.
    /// </summary>
    private async Task<(long Bytes, Verification Verification)> DownloadViaPartAsync(Download job, long offset, CancellationToken cancellationToken)
    {
        try
        {
            var (bytes, hash) = await ReceiveIntoFileAsync(job, job.Part, offset, cancellationToken).ConfigureAwait(false);
            var verification = await VerifyAsync(job.RemotePath, job.Part, job.Options, job.Algorithm, hash, cancellationToken, job.Options.ListedLength).ConfigureAwait(false);
            MoveIntoPlace(job.Part, job.Local);
            return (bytes, verification);
        }
        catch (FtpException e) when (e.Kind == FtpErrorKind.HashMismatch)
        {
            DownloadParts.TryDelete(job.Part);
            throw;
        }
        catch
        {
            DownloadParts.KeepOnlyIfUseful(job.Part);
            throw;
        }
    }

    /// <summary>
    /// RETR into <paramref name="path"/> from <paramref name="offset"/> (REST), hashing as the bytes are written; the
    /// bytes already there are hashed first. Returns the bytes received and the whole file's hash (null when not hashing).
    /// </summary>
    private async Task<(long Bytes, string? Hash)> ReceiveIntoFileAsync(Download job, string path, long offset, CancellationToken cancellationToken)
    {
        job.Algorithm = StreamingHash(job.Options);
        using var file = offset > 0
            ? new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 4096, useAsync: true)
            : new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 4096, useAsync: true);
        using var hashing = job.Algorithm is { } algorithm ? new HashingStream(file, algorithm) : null;
        if (hashing is not null) await hashing.AbsorbAsync(offset, cancellationToken).ConfigureAwait(false);
        else file.Seek(offset, SeekOrigin.Begin);

        long bytes = 0;
        // A resume that already has every byte needs no RETR. A whole download always asks: SIZE says 0 for a FIFO or
        // a file still being written, whose bytes are yet to come.
        if (offset == 0 || offset != job.RemoteSize)
        {
            var reporter = job.Progress is null ? null : new TransferProgressReporter(job.Progress, Resolve(job.RemotePath), offset, job.RemoteSize);
            bytes = await TransferAsync("RETR " + job.RemotePath, DataFlow.Receive, (Stream?)hashing ?? file, offset, reporter, cancellationToken).ConfigureAwait(false);
        }
        await file.FlushAsync(cancellationToken).ConfigureAwait(false);
        return (bytes, hashing?.Finish());
    }

    private static void MoveIntoPlace(string temp, string target)
    {
        if (File.Exists(target)) File.Replace(temp, target, destinationBackupFileName: null);
        else File.Move(temp, target);
    }
}
