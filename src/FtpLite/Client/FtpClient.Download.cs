using System.Diagnostics;

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
    /// Downloads to a local file. A whole download goes to a temporary file beside the target, renamed into place only
    /// when complete (and verified), so a failure or cancellation leaves no partial target. With
    /// <see cref="FtpTransferOptions.Resume"/> a shorter local file is extended in place, and kept if that fails.
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

        // SIZE only where resuming needs it, or progress needs a total the opening reply will not tell.
        var resuming = options.Resume && exists;
        var remoteSize = resuming || NeedsSizeForProgress(progress) ? await TryGetSizeCoreAsync(remotePath, cancellationToken).ConfigureAwait(false) : null;
        long bytes;
        long resumedFrom = 0;
        Verification verification;
        var have = exists ? new FileInfo(local).Length : 0;
        if (resuming && have > 0 && (remoteSize is null || have <= remoteSize))
        {
            resumedFrom = have;
            try
            {
                bytes = have == remoteSize ? 0 : await AppendToLocalFileAsync(remotePath, local, have, remoteSize, progress, cancellationToken).ConfigureAwait(false);
                verification = await VerifyAsync(remotePath, local, options, cancellationToken).ConfigureAwait(false);
            }
            catch (FtpRestartRefusedException)
            {
                // The server cannot resume: fetch the whole file after all, still without touching the target until done.
                resumedFrom = 0;
                (bytes, verification) = await DownloadToTempThenMoveAsync(remotePath, local, remoteSize, options, progress, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            (bytes, verification) = await DownloadToTempThenMoveAsync(remotePath, local, remoteSize, options, progress, cancellationToken).ConfigureAwait(false);
        }

        return new FtpTransferResult(FtpTransferDirection.Download, local, Resolve(remotePath), bytes, new FileInfo(local).Length, resumedFrom,
            clock.Elapsed, verification.Algorithm, verification.Hash, verification.Verified);
    }

    private async Task<long> AppendToLocalFileAsync(
        string remotePath, string local, long have, long? remoteSize, IProgress<FtpTransferProgress>? progress, CancellationToken cancellationToken)
    {
        using var file = new FileStream(local, FileMode.Open, FileAccess.Write, FileShare.None, 4096, useAsync: true);
        file.Seek(0, SeekOrigin.End);
        var reporter = progress is null ? null : new TransferProgressReporter(progress, Resolve(remotePath), have, remoteSize);
        var bytes = await TransferAsync("RETR " + remotePath, DataFlow.Receive, file, have, reporter, cancellationToken).ConfigureAwait(false);
        await file.FlushAsync(cancellationToken).ConfigureAwait(false);
        return bytes;
    }

    private async Task<(long Bytes, Verification Verification)> DownloadToTempThenMoveAsync(
        string remotePath, string local, long? remoteSize, FtpTransferOptions options, IProgress<FtpTransferProgress>? progress, CancellationToken cancellationToken)
    {
        var temp = TempPathBeside(local);
        try
        {
            long bytes;
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
            {
                var reporter = progress is null ? null : new TransferProgressReporter(progress, Resolve(remotePath), 0, remoteSize);
                bytes = await TransferAsync("RETR " + remotePath, DataFlow.Receive, file, 0, reporter, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            var verification = await VerifyAsync(remotePath, temp, options, cancellationToken).ConfigureAwait(false);
            MoveIntoPlace(temp, local);
            return (bytes, verification);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>A hidden name in the target's folder: the final rename stays on one volume, so it is atomic.</summary>
    private static string TempPathBeside(string local) =>
        Path.Combine(Path.GetDirectoryName(local)!, "." + Path.GetFileName(local) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".ftplite-part");

    private static void MoveIntoPlace(string temp, string target)
    {
        if (File.Exists(target)) File.Replace(temp, target, destinationBackupFileName: null);
        else File.Move(temp, target);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the name marks it as a leftover part.
        }
    }
}
