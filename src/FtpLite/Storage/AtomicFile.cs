namespace FtpLite.Storage;

/// <summary>
/// A file written under a temporary name beside its target and renamed over it on <see cref="CommitAsync"/>, so readers see
/// the old file or the new one, never half of one. The new file takes the old one's permissions (and owner and group,
/// where this process may set them); a new name gets the process's default mode. Until then the temporary file is
/// readable by its owner only. A rename replaces the directory entry: a hard link to the old file keeps the old content.
/// </summary>
internal sealed class AtomicFile : IUpload
{
    private static readonly bool IsWindows = Path.DirectorySeparatorChar == '\\';

    private readonly FileStream _stream;
    private readonly string _tempPath;
    private readonly string _targetPath;
    private readonly bool _keepForResume;
    private bool _finished;

    /// <param name="stream">The temporary file, open with an exclusive lock.</param>
    /// <param name="tempPath">Where that file was opened.</param>
    /// <param name="targetPath">The file it replaces on commit (a link's target, not the link).</param>
    /// <param name="keepForResume">Whether an abandoned upload stays (hidden) for its owner to resume.</param>
    public AtomicFile(FileStream stream, string tempPath, string targetPath, bool keepForResume)
    {
        _stream = stream;
        _tempPath = tempPath;
        _targetPath = targetPath;
        _keepForResume = keepForResume;
    }

    public Stream Stream => _stream;

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        Commit();
    }

    public Task DiscardAsync(CancellationToken cancellationToken)
    {
        Discard();
        return Task.CompletedTask;
    }

    /// <summary>Renames the flushed temporary file over the target.</summary>
    internal void Commit()
    {
        _stream.Flush();
        TakeOverMetadata();
        try
        {
            if (IsWindows)
            {
                _stream.Dispose(); // Windows cannot rename a file that is open without sharing.
                LocalFileStore.MoveReplacing(_tempPath, _targetPath);
            }
            else
            {
                // Renamed while still open, so that a failure can still find the file to remove it (see Discard).
                if (!OpenFilePath.IsStillAt(_stream, _tempPath))
                    throw new FileStoreException(FileStoreError.NotFound, "The folder was moved or removed during the upload.");
                LocalFileStore.MoveReplacing(_tempPath, _targetPath);
            }
            _finished = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Discard();
            if (e is FileStoreException) throw;
            throw Translate(e);
        }
        finally
        {
            _stream.Dispose();
        }
    }

    /// <summary>Removes the temporary file wherever it is now (a renamed folder takes it along).</summary>
    internal void Discard()
    {
        if (_finished) return;
        _finished = true;
        var path = OpenFilePath.Of(_stream) ?? _tempPath;
        _stream.Dispose();
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the sweeper (TempFileSweeper), and RMD removes it with its folder.
        }
    }

    /// <summary>An interrupted upload: kept for its owner's resume when anything arrived, else removed.</summary>
    public void Dispose()
    {
        if (_finished) return;
        bool keep;
        try
        {
            keep = _keepForResume && _stream.Length > 0;
        }
        catch (ObjectDisposedException)
        {
            keep = false;
        }
        if (keep)
        {
            _finished = true;
            _stream.Dispose();
            return;
        }
        Discard();
    }

    private void TakeOverMetadata()
    {
        if (IsWindows) return;
        if (UnixFiles.TryStat(_targetPath, out var old))
        {
            UnixFiles.TrySetPermissions(_tempPath, old.Permissions);
            UnixFiles.TryCopyOwner(old, _tempPath);
            return;
        }
        var permissions = File.Exists(_targetPath) ? UnixFiles.PermissionsOf(_targetPath) : null;
        UnixFiles.TrySetPermissions(_tempPath, permissions ?? DefaultMode.Permissions);
    }

    private static FileStoreException Translate(Exception e) => e switch
    {
        DirectoryNotFoundException or FileNotFoundException => new FileStoreException(FileStoreError.NotFound, "The folder was moved or removed during the upload.", e),
        UnauthorizedAccessException => new FileStoreException(FileStoreError.AccessDenied, "Permission denied.", e),
        _ when DiskFull.Is(e) => new FileStoreException(FileStoreError.NoSpace, "No space left on the device.", e),
        _ => new FileStoreException(FileStoreError.Failed, "The file could not be put in place.", e),
    };
}
