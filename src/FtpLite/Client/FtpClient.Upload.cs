using System.Diagnostics;

namespace FtpLite.Client;

/// <summary>Uploads: STOR, APPE, and resuming a partial remote file with REST + STOR (or APPE where REST STREAM is missing).</summary>
public sealed partial class FtpClient
{
    /// <summary>
    /// Uploads <paramref name="source"/> (read from its current position) to <paramref name="remotePath"/>, replacing it.
    /// With <paramref name="offset"/> above 0 the bytes are written from that offset of the remote file (REST + STOR; APPE
    /// when the server lacks REST STREAM, which is only right when the remote file is exactly that long). Returns the bytes sent.
    /// </summary>
    public Task<long> UploadAsync(
        Stream source, string remotePath, long offset = 0, IProgress<FtpTransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (source is null) throw new ArgumentNullException(nameof(source));
        CheckPath(remotePath, nameof(remotePath));
        if (offset < 0) throw new ArgumentOutOfRangeException(nameof(offset), offset, "The offset cannot be negative.");
        return RunAsync(token => UploadCoreAsync(source, remotePath, offset, append: false, progress, token), cancellationToken);
    }

    /// <summary>Appends <paramref name="source"/> to the remote file (APPE), creating it when absent. Returns the bytes sent.</summary>
    public Task<long> AppendAsync(Stream source, string remotePath, IProgress<FtpTransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (source is null) throw new ArgumentNullException(nameof(source));
        CheckPath(remotePath, nameof(remotePath));
        return RunAsync(token => UploadCoreAsync(source, remotePath, 0, append: true, progress, token), cancellationToken);
    }

    /// <summary>
    /// Uploads a local file. An existing remote file is an error unless <see cref="FtpTransferOptions.Overwrite"/> or
    /// <see cref="FtpTransferOptions.Resume"/> is set; resuming sends only what the remote file lacks.
    /// </summary>
    public Task<FtpTransferResult> UploadFileAsync(
        string localPath, string remotePath, FtpTransferOptions? options = null, IProgress<FtpTransferProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(localPath)) throw new ArgumentException("Give a local path.", nameof(localPath));
        CheckPath(remotePath, nameof(remotePath));
        var local = Path.GetFullPath(localPath);
        if (!File.Exists(local)) throw new FileNotFoundException($"'{local}' does not exist.", local);
        return RunAsync(token => UploadFileCoreAsync(local, remotePath, options ?? new FtpTransferOptions(), progress, token), cancellationToken);
    }

    private async Task<long> UploadCoreAsync(
        Stream source, string remotePath, long offset, bool append, IProgress<FtpTransferProgress>? progress, CancellationToken cancellationToken)
    {
        long? total = source.CanSeek ? offset + (source.Length - source.Position) : null;
        var reporter = progress is null ? null : new TransferProgressReporter(progress, Resolve(remotePath), offset, total);
        if (append || (offset > 0 && !Features.RestStream))
            return await TransferAsync("APPE " + remotePath, DataFlow.Send, source, 0, reporter, cancellationToken).ConfigureAwait(false);
        return await TransferAsync("STOR " + remotePath, DataFlow.Send, source, offset, reporter, cancellationToken).ConfigureAwait(false);
    }

    private async Task<FtpTransferResult> UploadFileCoreAsync(
        string local, string remotePath, FtpTransferOptions options, IProgress<FtpTransferProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        // SIZE tells whether the target exists and how much of it a resume keeps; a plain overwrite needs neither.
        var needSize = options.Resume || !options.Overwrite;
        var remoteSize = needSize ? await TryGetSizeCoreAsync(remotePath, cancellationToken).ConfigureAwait(false) : null;
        if (remoteSize is not null && !options.Overwrite && !options.Resume)
            throw new FtpException(FtpErrorKind.AlreadyExists, $"'{remotePath}' exists on the server; ask to overwrite or to resume.");

        long bytes;
        long resumedFrom = 0;
        string? localHash;
        var algorithm = StreamingHash(options);
        using (var file = new FileStream(local, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true))
        {
            // The local hash grows as the file is read for sending: no second pass over it afterwards.
            var hashing = algorithm is { } a ? new HashingStream(file, a) : null;
            try
            {
                var length = file.Length;
                if (options.Resume && remoteSize is { } have && have > 0 && have <= length)
                {
                    resumedFrom = have;
                    try
                    {
                        // What the server has is hashed too (read, not sent), so the hash covers the whole file.
                        if (hashing is not null) await hashing.AbsorbAsync(have, cancellationToken).ConfigureAwait(false);
                        else file.Seek(have, SeekOrigin.Begin);
                        bytes = have == length ? 0 : await UploadCoreAsync((Stream?)hashing ?? file, remotePath, have, append: false, progress, cancellationToken).ConfigureAwait(false);
                    }
                    catch (FtpRestartRefusedException)
                    {
                        resumedFrom = 0;
                        file.Seek(0, SeekOrigin.Begin);
                        hashing?.Dispose();
                        hashing = algorithm is { } again ? new HashingStream(file, again) : null;
                        bytes = await UploadCoreAsync((Stream?)hashing ?? file, remotePath, 0, append: false, progress, cancellationToken).ConfigureAwait(false);
                    }
                }
                else
                {
                    bytes = await UploadCoreAsync((Stream?)hashing ?? file, remotePath, 0, append: false, progress, cancellationToken).ConfigureAwait(false);
                }
                localHash = hashing?.Finish();
            }
            finally
            {
                hashing?.Dispose();
            }
        }

        var verification = await VerifyAsync(remotePath, local, options, algorithm, localHash, cancellationToken).ConfigureAwait(false);
        return new FtpTransferResult(FtpTransferDirection.Upload, local, Resolve(remotePath), bytes, new FileInfo(local).Length, resumedFrom,
            clock.Elapsed, verification.Algorithm, verification.Hash, verification.Verified, verification.Kind);
    }
}
