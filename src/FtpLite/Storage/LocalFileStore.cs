using FtpLite.Protocol;

namespace FtpLite.Storage;

/// <summary>
/// A folder on disk, jailed: every virtual path maps below the root, each component is checked for names
/// the platform would misread, and a symbolic link is followed only when its target lies inside the root.
/// </summary>
public sealed class LocalFileStore : IFileStore
{
    private static readonly bool IsWindows = Path.DirectorySeparatorChar == '\\';
    private static readonly StringComparison PathComparison = IsWindows ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private readonly string _root;
    private readonly string _rootWithSeparator;

    public LocalFileStore(string root)
    {
        _root = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        if (_root.Length == 0 || (IsWindows && _root.EndsWith(":", StringComparison.Ordinal))) _root += Path.DirectorySeparatorChar;
        _rootWithSeparator = _root.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal)
            ? _root
            : _root + Path.DirectorySeparatorChar;
        if (!Directory.Exists(_root)) throw new DirectoryNotFoundException($"The root folder '{_root}' does not exist.");
    }

    public string RootPath => _root;

    public FileStoreEntry? GetEntry(string path) => Guard(() =>
    {
        var physical = ToPhysical(path);
        var name = path == VirtualPath.Root ? VirtualPath.Root : VirtualPath.Name(path);
        var directory = new DirectoryInfo(physical);
        if (directory.Exists) return new FileStoreEntry(name, path, true, 0, directory.LastWriteTimeUtc);
        var file = new FileInfo(physical);
        if (!file.Exists || IsSpecial(file)) return null;
        return new FileStoreEntry(name, path, false, file.Length, file.LastWriteTimeUtc);
    });

    public IEnumerable<FileStoreEntry> List(string directory)
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
        return Entries(directory, folder);
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

    // A link is shown as what it leads to, and only when that lies inside the root.
    private FileStoreEntry? LinkEntry(string directory, string fullPath, string name)
    {
        var resolved = LinkResolver.FinalTarget(fullPath);
        if (resolved is null || !IsInsideRoot(resolved)) return null;
        FileSystemInfo target = Directory.Exists(resolved) ? new DirectoryInfo(resolved) : new FileInfo(resolved);
        if (!target.Exists) return null;
        var isDirectory = target is DirectoryInfo;
        if (!isDirectory && IsSpecial((FileInfo)target)) return null; // Not a file one could download.
        var length = isDirectory ? 0 : ((FileInfo)target).Length;
        return new FileStoreEntry(name, VirtualPath.Combine(directory, name), isDirectory, length, target.LastWriteTimeUtc);
    }

    public Stream OpenRead(string path, long offset) => Guard<Stream>(() =>
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

    public IUpload BeginUpload(string path, UploadMode mode, long offset, string? owner = null) => Guard<IUpload>(() =>
    {
        if (path == VirtualPath.Root) throw new FileStoreException(FileStoreError.NotAFile, "Not a file.");
        var target = UploadTarget(ToPhysical(path));
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
            StartFrom(stream, pending, target, mode, offset);
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

    public long? PendingUploadLength(string path, string owner) => Guard<long?>(() =>
    {
        if (path == VirtualPath.Root) return null;
        var target = UploadTarget(ToPhysical(path));
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
    private static void StartFrom(FileStream stream, long pending, string target, UploadMode mode, long offset)
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
            var read = old.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0) throw new FileStoreException(FileStoreError.Failed, "The file shrank while it was being read.");
            stream.Write(buffer, 0, read);
            left -= read;
        }
    }

    /// <summary>What an upload to <paramref name="physical"/> replaces: a link inside the root is followed to its target.</summary>
    private static string UploadTarget(string physical)
    {
        FileAttributes attributes;
        try
        {
            attributes = File.GetAttributes(physical);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return physical;
        }
        if ((attributes & FileAttributes.ReparsePoint) == 0) return physical;
        // ToPhysical has checked that the link leads inside the root; a broken one it refused.
        return LinkResolver.FinalTarget(physical) ?? physical;
    }

    public void SetLastWriteTime(string path, DateTime utc) => Guard(() =>
    {
        var physical = ToPhysical(path);
        if (!File.Exists(physical)) throw new FileStoreException(FileStoreError.NotFound, "No such file.");
        File.SetLastWriteTimeUtc(physical, DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        return true;
    });

    public void CreateDirectory(string path) => Guard(() =>
    {
        var physical = ToPhysical(path);
        if (Directory.Exists(physical) || File.Exists(physical)) throw new FileStoreException(FileStoreError.AlreadyExists, "It exists already.");
        if (!Directory.Exists(Path.GetDirectoryName(physical))) throw new FileStoreException(FileStoreError.NotFound, "The parent folder does not exist.");
        Directory.CreateDirectory(physical);
        return true;
    });

    public void DeleteFile(string path) => Guard(() =>
    {
        var physical = ToPhysical(path);
        if (Directory.Exists(physical)) throw new FileStoreException(FileStoreError.NotAFile, "Not a file (use RMD for folders).");
        if (!File.Exists(physical)) throw new FileStoreException(FileStoreError.NotFound, "No such file.");
        File.Delete(physical);
        return true;
    });

    public void DeleteDirectory(string path) => Guard(() =>
    {
        if (path == VirtualPath.Root) throw new FileStoreException(FileStoreError.AccessDenied, "The root cannot be removed.");
        var physical = ToPhysical(path);
        if (File.Exists(physical)) throw new FileStoreException(FileStoreError.NotADirectory, "Not a folder (use DELE for files).");
        if (!Directory.Exists(physical)) throw new FileStoreException(FileStoreError.NotFound, "No such folder.");
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

    public void Rename(string from, string to) => Guard(() =>
    {
        if (from == VirtualPath.Root || to == VirtualPath.Root) throw new FileStoreException(FileStoreError.AccessDenied, "The root cannot be renamed.");
        var source = ToPhysical(from);
        var target = ToPhysical(to);
        if (!Directory.Exists(Path.GetDirectoryName(target))) throw new FileStoreException(FileStoreError.NotFound, "The target folder does not exist.");
        if (Directory.Exists(source))
        {
            if (Directory.Exists(target) || File.Exists(target)) throw new FileStoreException(FileStoreError.AlreadyExists, "The target exists already.");
            if (target.StartsWith(source + Path.DirectorySeparatorChar, PathComparison))
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

    /// <summary>
    /// Maps a virtual path to the disk, or throws. Checks every component, not only the result: a link
    /// halfway down ("/inside -> /etc", then "/inside/passwd") is caught where it stands.
    /// </summary>
    internal string ToPhysical(string path)
    {
        var physical = _root;
        foreach (var segment in VirtualPath.Segments(path))
        {
            if (!IsValidSegment(segment)) throw new FileStoreException(FileStoreError.InvalidName, $"'{segment}' is not a valid name.");
            if (IsTempName(segment)) throw new FileStoreException(FileStoreError.NotFound, "No such file or folder.");
            physical = Path.Combine(physical, segment);
            CheckLink(physical);
        }
        var full = Path.GetFullPath(physical);
        if (!IsInsideRoot(full)) throw new FileStoreException(FileStoreError.AccessDenied, "Outside the served folder.");
        return full;
    }

    private void CheckLink(string physical)
    {
        FileAttributes attributes;
        try
        {
            attributes = File.GetAttributes(physical);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return; // Nothing there yet: a name about to be created.
        }
        if ((attributes & FileAttributes.ReparsePoint) == 0) return;
        var target = LinkResolver.FinalTarget(physical);
        if (target is null || !IsInsideRoot(target))
            throw new FileStoreException(FileStoreError.AccessDenied, "A link that leads outside the served folder.");
    }

    private bool IsInsideRoot(string fullPath) =>
        string.Equals(fullPath.TrimEnd(Path.DirectorySeparatorChar), _root.TrimEnd(Path.DirectorySeparatorChar), PathComparison)
        || fullPath.StartsWith(_rootWithSeparator, PathComparison);

    private static bool IsValidSegment(string segment)
    {
        if (segment.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0) return false;
        if (!IsWindows) return true;
        // Windows would read these as a drive, an alternate data stream, a device or a trimmed name.
        if (segment.IndexOfAny(WindowsReserved) >= 0 || segment.EndsWith(".", StringComparison.Ordinal) || segment.EndsWith(" ", StringComparison.Ordinal)) return false;
        var stem = segment.Split('.')[0].ToUpperInvariant();
        return !WindowsDevices.Contains(stem);
    }

    private static readonly char[] WindowsReserved = { ':', '*', '?', '"', '<', '>', '|' };

    private static readonly HashSet<string> WindowsDevices = new(StringComparer.Ordinal)
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

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
