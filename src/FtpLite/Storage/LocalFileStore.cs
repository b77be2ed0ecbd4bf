using FtpLite.Protocol;

namespace FtpLite.Storage;

/// <summary>
/// A folder on disk, the embedded default store, jailed by <see cref="Jail"/>: every virtual path maps below the root,
/// each component is checked for names the platform would misread, and a symbolic link is followed only when its
/// target lies inside the root. Uploads go to hidden temporaries renamed over their target on commit. Every operation
/// completes synchronously: local disk I/O is quick, and its tasks are returned done.
/// </summary>
public sealed class LocalFileStore : IFileStore
{
    private readonly Jail _jail;

    public LocalFileStore(string root)
    {
        _jail = new Jail(root, IsTempName);
    }

    /// <summary>The folder served, as a full path.</summary>
    public string RootPath => _jail.Root;

    /// <summary>A local folder does all of it: renames are rename(2), uploads are files beside their target.</summary>
    public FileStoreCapabilities Capabilities =>
        FileStoreCapabilities.AtomicFolderRename | FileStoreCapabilities.Append | FileStoreCapabilities.Resume
        | FileStoreCapabilities.PendingUploads | FileStoreCapabilities.SetModifiedTime;

    public Task<FileStoreEntry?> GetEntryAsync(string path, CancellationToken cancellationToken) => Run(cancellationToken, () =>
    {
        var physical = ToPhysical(path);
        var name = path == VirtualPath.Root ? VirtualPath.Root : VirtualPath.Name(path);
        var directory = new DirectoryInfo(physical);
        // Exists and Attributes come from one status read (lstat, then stat for a link): a link costs a readlink more.
        if (directory.Exists)
            return new FileStoreEntry(name, path, true, 0, directory.LastWriteTimeUtc,
                (directory.Attributes & FileAttributes.ReparsePoint) != 0 ? _jail.FolderLinkTarget(physical) : null);
        var file = new FileInfo(physical);
        if (!file.Exists || IsSpecial(file)) return null;
        return (FileStoreEntry?)new FileStoreEntry(name, path, false, file.Length, file.LastWriteTimeUtc);
    });

    /// <summary>A missing folder throws here, at once; a failure while reading throws from the cursor.</summary>
    public IFileStoreListing List(string directory)
    {
        var folder = Guard(() =>
        {
            var physical = ToPhysical(directory);
            var info = new DirectoryInfo(physical);
            if (info.Exists) return info;
            throw File.Exists(physical)
                ? new FileStoreException(FileStoreError.NotADirectory, "Not a folder.")
                : new FileStoreException(FileStoreError.NotFound, "No such folder.");
        });
        return FileStoreListing.From(Entries(directory, folder));
    }

    // One entry at a time, straight from the directory stream: a folder of a million names is never held whole.
    private IEnumerable<FileStoreEntry> Entries(string directory, DirectoryInfo folder)
    {
        using var items = Guard(() => FolderReader.Read(folder.FullName, directory, IsTempName, (full, name) => LinkEntry(directory, full, name)).GetEnumerator());
        while (true)
        {
            FileStoreEntry? entry = null;
            var found = Guard(() =>
            {
                while (items.MoveNext())
                {
                    entry = items.Current;
                    if (entry is not null && !IsSpecial(folder.FullName, entry)) return true;
                }
                return false;
            });
            if (!found) yield break;
            yield return entry!;
        }
    }

    // A link is shown only when it leads inside the root: a link to a file as that file, a link to a folder as a link
    // (with that folder's time), so a recursive delete or copy treats it as one entry and never walks through it.
    private FileStoreEntry? LinkEntry(string directory, string fullPath, string name)
    {
        var resolved = _jail.LinkTargetInside(fullPath);
        if (resolved is null) return null;
        FileSystemInfo target = Directory.Exists(resolved) ? new DirectoryInfo(resolved) : new FileInfo(resolved);
        if (!target.Exists) return null;
        var isDirectory = target is DirectoryInfo;
        if (!isDirectory && IsSpecial((FileInfo)target)) return null; // Not a file one could download.
        var length = isDirectory ? 0 : ((FileInfo)target).Length;
        return new FileStoreEntry(name, VirtualPath.Combine(directory, name), isDirectory, length, target.LastWriteTimeUtc,
            isDirectory ? _jail.ToVirtual(resolved) : null);
    }

    public Task<Stream> OpenReadAsync(string path, long offset, CancellationToken cancellationToken) => Run<Stream>(cancellationToken, () =>
    {
        var physical = ToPhysical(path);
        if (Directory.Exists(physical)) throw new FileStoreException(FileStoreError.NotAFile, "Not a file.");
        // Opening a FIFO blocks until a writer comes, a device may block or never end: only regular files are served.
        if (UnixFiles.KindOf(physical) == FileKind.Special) throw new FileStoreException(FileStoreError.NotAFile, "Not a regular file.");
        var stream = new FileStream(physical, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        // Only a restart needs the length and a seek.
        if (offset == 0) return stream;
        if (offset > stream.Length)
        {
            stream.Dispose();
            throw new FileStoreException(FileStoreError.Failed, "The restart offset lies beyond the end of the file.");
        }
        stream.Position = offset;
        return stream;
    });

    public Task<IUpload> BeginUploadAsync(string path, UploadMode mode, long offset, string? owner, CancellationToken cancellationToken) => Run<IUpload>(cancellationToken, () =>
    {
        if (path == VirtualPath.Root) throw new FileStoreException(FileStoreError.NotAFile, "Not a file.");
        var target = Jail.WriteTarget(ToPhysical(path));
        switch (UnixFiles.KindOf(target))
        {
            case FileKind.Directory:
                throw new FileStoreException(FileStoreError.NotAFile, "A folder has that name.");
            case FileKind.Special:
                throw new FileStoreException(FileStoreError.NotAFile, "Not a regular file.");
        }
        var parent = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(parent)) throw new FileStoreException(FileStoreError.NotFound, "The folder does not exist.");
        var temp = Path.Combine(parent, owner is null ? TemporaryNames.Random() : TemporaryNames.ForOwner(owner, Path.GetFileName(target)));
        var stream = OpenTemporary(temp, out var pending);
        var upload = new AtomicFile(stream, temp, target, keepForResume: owner is not null);
        try
        {
            StartFrom(stream, pending, target, mode, offset, cancellationToken);
            return upload;
        }
        catch
        {
            // A refused resume leaves the pending upload as it was; anything else half-made goes.
            if (pending > 0 && stream.Length == pending) upload.Dispose();
            else upload.Discard();
            throw;
        }
    });

    public Task<long?> PendingUploadLengthAsync(string path, string owner, CancellationToken cancellationToken) => Run<long?>(cancellationToken, () =>
    {
        if (path == VirtualPath.Root) return null;
        var target = Jail.WriteTarget(ToPhysical(path));
        var pending = new FileInfo(Path.Combine(Path.GetDirectoryName(target)!, TemporaryNames.ForOwner(owner, Path.GetFileName(target))));
        return pending.Exists && pending.Length > 0 ? pending.Length : null;
    });

    /// <summary>
    /// Opens (or creates) a temporary file with an exclusive lock; <paramref name="pending"/> is the length it already
    /// had (an interrupted upload of the same owner), or 0. A new one is made private until its commit.
    /// </summary>
    private static FileStream OpenTemporary(string temp, out long pending)
    {
        var existed = File.Exists(temp);
        FileStream stream;
        try
        {
            // OpenOrCreate, not Create: truncating before the lock is taken would cut a running upload's file.
            stream = new FileStream(temp, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
        }
        catch (IOException e) when (!DiskFull.Is(e) && existed)
        {
            throw new FileStoreException(FileStoreError.Failed, "Another session of yours is uploading this file.", e);
        }
        if (!existed) UnixFiles.TrySetPermissions(temp, DefaultMode.OwnerOnly);
        pending = stream.Length;
        return stream;
    }

    /// <summary>Positions a temporary file where the upload's data begins, copying what it keeps of the old file.</summary>
    private static void StartFrom(FileStream stream, long pending, string target, UploadMode mode, long offset, CancellationToken cancellationToken)
    {
        if (mode == UploadMode.Replace || (mode == UploadMode.Resume && offset == 0))
        {
            stream.SetLength(0);
            return;
        }
        if (pending > 0 && (mode == UploadMode.Append || offset <= pending))
        {
            // The owner's interrupted upload goes on; a lower offset drops what the client will send again.
            if (mode == UploadMode.Resume) stream.SetLength(offset);
            stream.Position = stream.Length;
            return;
        }
        var oldLength = File.Exists(target) ? new FileInfo(target).Length : 0;
        var keep = mode == UploadMode.Append ? oldLength : offset;
        if (keep > oldLength) throw new FileStoreException(FileStoreError.Failed, "The restart offset lies beyond the end of the file.");
        stream.SetLength(0);
        if (keep == 0) return;
        // The old file stays whole until the commit: what it keeps is copied, not written to in place.
        using var old = new FileStream(target, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        var buffer = new byte[1024 * 1024];
        var left = keep;
        while (left > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = old.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0) throw new FileStoreException(FileStoreError.Failed, "The file shrank while it was being read.");
            stream.Write(buffer, 0, read);
            left -= read;
        }
    }

    public Task CreateDirectoryAsync(string path, CancellationToken cancellationToken) => Run(cancellationToken, () =>
    {
        var physical = ToPhysical(path);
        if (Directory.Exists(physical) || File.Exists(physical)) throw new FileStoreException(FileStoreError.AlreadyExists, "It exists already.");
        if (!Directory.Exists(Path.GetDirectoryName(physical))) throw new FileStoreException(FileStoreError.NotFound, "The parent folder does not exist.");
        Directory.CreateDirectory(physical);
        return true;
    });

    public Task DeleteFileAsync(string path, CancellationToken cancellationToken) => Run(cancellationToken, () =>
    {
        var physical = ToPhysical(path);
        // A link goes, never what it leads to.
        if (Jail.IsLink(physical))
        {
            DeleteLink(physical);
            return true;
        }
        if (Directory.Exists(physical)) throw new FileStoreException(FileStoreError.NotAFile, "Not a file (use RMD for folders).");
        if (!File.Exists(physical)) throw new FileStoreException(FileStoreError.NotFound, "No such file.");
        File.Delete(physical);
        return true;
    });

    public Task DeleteDirectoryAsync(string path, CancellationToken cancellationToken) => Run(cancellationToken, () =>
    {
        if (path == VirtualPath.Root) throw new FileStoreException(FileStoreError.AccessDenied, "The root cannot be removed.");
        var physical = ToPhysical(path);
        if (File.Exists(physical)) throw new FileStoreException(FileStoreError.NotADirectory, "Not a folder (use DELE for files).");
        if (!Directory.Exists(physical)) throw new FileStoreException(FileStoreError.NotFound, "No such folder.");
        // A link to a folder: the link goes; the folder it leads to, and the uploads under way in it, stay.
        if (Jail.IsLink(physical))
        {
            DeleteLink(physical);
            return true;
        }
        RemoveTemporaries(physical);
        Directory.Delete(physical, recursive: false);
        return true;
    });

    /// <summary>
    /// Makes a folder that holds only upload temporaries empty, or throws: clients cannot see or name those files, so
    /// they must not keep a folder. Pending and stale ones are removed; a running upload's temporary stays, and so does
    /// the folder ("an upload into it is running").
    /// </summary>
    private static void RemoveTemporaries(string folder)
    {
        var entries = Directory.GetFileSystemEntries(folder);
        if (entries.Any(e => !TemporaryNames.IsTemporary(Path.GetFileName(e)) || Directory.Exists(e)))
            throw new FileStoreException(FileStoreError.NotEmpty, "The folder is not empty.");
        foreach (var temp in entries)
        {
            if (TemporaryNames.IsInUse(temp)) throw new FileStoreException(FileStoreError.NotEmpty, "An upload into the folder is running.");
            File.Delete(temp);
        }
    }

    public Task RenameAsync(string from, string to, CancellationToken cancellationToken) => Run(cancellationToken, () =>
    {
        if (from == VirtualPath.Root || to == VirtualPath.Root) throw new FileStoreException(FileStoreError.AccessDenied, "The root cannot be renamed.");
        var source = ToPhysical(from);
        var target = ToPhysical(to);
        if (!Directory.Exists(Path.GetDirectoryName(target))) throw new FileStoreException(FileStoreError.NotFound, "The target folder does not exist.");
        if (Directory.Exists(source))
        {
            if (Directory.Exists(target) || File.Exists(target)) throw new FileStoreException(FileStoreError.AlreadyExists, "The target exists already.");
            if (target.StartsWith(source + Path.DirectorySeparatorChar, Jail.PathComparison))
                throw new FileStoreException(FileStoreError.InvalidName, "A folder cannot move into itself.");
            Directory.Move(source, target);
        }
        else if (File.Exists(source))
        {
            if (Directory.Exists(target)) throw new FileStoreException(FileStoreError.AlreadyExists, "A folder has the target's name.");
            MoveReplacing(source, target);
        }
        else
        {
            throw new FileStoreException(FileStoreError.NotFound, "No such file or folder.");
        }
        return true;
    });

    /// <summary>Maps a virtual path to the disk through the jail, or throws.</summary>
    internal string ToPhysical(string path) => _jail.ToPhysical(path);

    /// <summary>
    /// Removes a symbolic link itself. One to a folder is a folder to Windows (RemoveDirectory removes the link) and
    /// a name to unlink(2) elsewhere, which Directory.Delete does for a link there; one to a file goes with File.Delete.
    /// </summary>
    private static void DeleteLink(string physical)
    {
        if (Directory.Exists(physical)) Directory.Delete(physical, recursive: false);
        else File.Delete(physical);
    }

    public Task SetLastWriteTimeAsync(string path, DateTime lastWriteTimeUtc, CancellationToken cancellationToken) => Run(cancellationToken, () =>
    {
        var physical = ToPhysical(path);
        switch (UnixFiles.KindOf(physical))
        {
            case FileKind.Directory:
                Directory.SetLastWriteTimeUtc(physical, lastWriteTimeUtc);
                break;
            case FileKind.Regular:
                File.SetLastWriteTimeUtc(physical, lastWriteTimeUtc);
                break;
            case FileKind.Special:
                throw new FileStoreException(FileStoreError.NotAFile, "Not a regular file.");
            default:
                throw new FileStoreException(FileStoreError.NotFound, "No such file or folder.");
        }
        return true;
    });

    /// <summary>
    /// A FIFO, socket or device. All of them report length 0, so only empty-looking files cost the extra stat; .NET itself
    /// tells files from folders only.
    /// </summary>
    private static bool IsSpecial(FileInfo file) => file.Length == 0 && UnixFiles.KindOf(file.FullName) == FileKind.Special;

    // A FIFO, socket or device reads as an empty file: only those need the extra look, and none is listed.
    private static bool IsSpecial(string physicalFolder, FileStoreEntry entry) =>
        !entry.IsDirectory && entry.Length == 0 && UnixFiles.KindOf(Path.Combine(physicalFolder, entry.Name)) == FileKind.Special;

    private static bool IsTempName(string name) => TemporaryNames.IsTemporary(name);

    /// <summary>Renames a file over another one: rename(2) on Unix, ReplaceFile on Windows; both atomic.</summary>
    internal static void MoveReplacing(string source, string target)
    {
        if (File.Exists(target))
        {
            File.Replace(source, target, destinationBackupFileName: null, ignoreMetadataErrors: true);
            return;
        }
        try
        {
            File.Move(source, target);
        }
        catch (IOException) when (File.Exists(target))
        {
            // Someone created the target between the check and the move: replace it after all.
            File.Replace(source, target, destinationBackupFileName: null, ignoreMetadataErrors: true);
        }
    }

    /// <summary>Runs a synchronous operation as a completed task: its result, its classified failure, or cancelled.</summary>
    private static Task<T> Run<T>(CancellationToken cancellationToken, Func<T> operation)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<T>(cancellationToken);
        try
        {
            return Task.FromResult(Guard(operation));
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }

    private static T Guard<T>(Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (FileStoreException)
        {
            throw;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Classified by kind: the platform's message names the real path, and a client must never see it.
            throw IoFailure.Classify(e);
        }
    }
}
