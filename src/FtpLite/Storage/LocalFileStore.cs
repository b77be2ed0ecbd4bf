using FtpLite.Protocol;

namespace FtpLite.Storage;

/// <summary>
/// A folder on disk, jailed: every virtual path maps below the root, each component is checked for names
/// the platform would misread, and a symbolic link is followed only when its target lies inside the root.
/// </summary>
public sealed class LocalFileStore : IFileStore
{
    private const string TempPrefix = ".ftplite-";
    private const string TempSuffix = ".part";

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
        return file.Exists ? new FileStoreEntry(name, path, false, file.Length, file.LastWriteTimeUtc) : null;
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
                    if (entry is not null) return true;
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
        var length = isDirectory ? 0 : ((FileInfo)target).Length;
        return new FileStoreEntry(name, VirtualPath.Combine(directory, name), isDirectory, length, target.LastWriteTimeUtc);
    }

    public Stream OpenRead(string path, long offset) => Guard<Stream>(() =>
    {
        var physical = ToPhysical(path);
        if (Directory.Exists(physical)) throw new FileStoreException(FileStoreError.NotAFile, "Not a file.");
        var stream = new FileStream(physical, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        // Only a restart needs the length and a seek; a whole read also works for what cannot seek (a FIFO, a device).
        if (offset == 0) return stream;
        if (offset > stream.Length)
        {
            stream.Dispose();
            throw new FileStoreException(FileStoreError.Failed, "The restart offset lies beyond the end of the file.");
        }
        stream.Position = offset;
        return stream;
    });

    public IUpload BeginUpload(string path, UploadMode mode, long offset) => Guard<IUpload>(() =>
    {
        if (path == VirtualPath.Root) throw new FileStoreException(FileStoreError.NotAFile, "Not a file.");
        var physical = ToPhysical(path);
        if (Directory.Exists(physical)) throw new FileStoreException(FileStoreError.NotAFile, "A folder has that name.");
        var parent = Path.GetDirectoryName(physical)!;
        if (!Directory.Exists(parent)) throw new FileStoreException(FileStoreError.NotFound, "The folder does not exist.");
        switch (mode)
        {
            case UploadMode.Replace:
                var temp = Path.Combine(parent, TempPrefix + Guid.NewGuid().ToString("N") + TempSuffix);
                return new ReplacingUpload(OpenForWrite(temp, FileMode.CreateNew), temp, physical);
            case UploadMode.Append:
                return new InPlaceUpload(OpenForWrite(physical, FileMode.Append), truncateAtEnd: false);
            default:
                var stream = OpenForWrite(physical, FileMode.OpenOrCreate);
                if (offset > stream.Length)
                {
                    stream.Dispose();
                    throw new FileStoreException(FileStoreError.Failed, "The restart offset lies beyond the end of the file.");
                }
                stream.Position = offset;
                return new InPlaceUpload(stream, truncateAtEnd: true);
        }
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
        if (Directory.EnumerateFileSystemEntries(physical).Any()) throw new FileStoreException(FileStoreError.NotEmpty, "The folder is not empty.");
        Directory.Delete(physical, recursive: false);
        return true;
    });

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

    private static bool IsTempName(string name) =>
        name.StartsWith(TempPrefix, StringComparison.Ordinal) && name.EndsWith(TempSuffix, StringComparison.Ordinal);

    private static FileStream OpenForWrite(string physical, FileMode mode) =>
        new(physical, mode, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);

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
