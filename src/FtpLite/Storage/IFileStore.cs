namespace FtpLite.Storage;

/// <summary>How an upload meets an existing file.</summary>
public enum UploadMode
{
    /// <summary>Replace the whole file, atomically: the old one stays until the new one is complete.</summary>
    Replace,

    /// <summary>Add to the end (APPE), in place.</summary>
    Append,

    /// <summary>Write from an offset (REST + STOR), in place, keeping what lies before it.</summary>
    Resume,
}

/// <summary>
/// A rooted file system. Every path is a normalised virtual path ("/a/b"); no path can name anything outside the root.
/// Failures are <see cref="FileStoreException"/>s.
/// </summary>
public interface IFileStore
{
    /// <summary>The entry at a path, or null when there is none.</summary>
    FileStoreEntry? GetEntry(string path);

    /// <summary>
    /// The entries of a folder, read lazily in the file system's order (not sorted: sorting needs the whole folder
    /// in memory). A missing folder throws at once; a failure while reading throws from the enumeration.
    /// </summary>
    IEnumerable<FileStoreEntry> List(string directory);

    /// <summary>Opens a file for reading from <paramref name="offset"/>.</summary>
    Stream OpenRead(string path, long offset);

    /// <summary>Starts an upload; nothing is visible under the path's name until <see cref="IUpload.Commit"/> (for <see cref="UploadMode.Replace"/>).</summary>
    IUpload BeginUpload(string path, UploadMode mode, long offset);

    void CreateDirectory(string path);
    void DeleteFile(string path);
    void DeleteDirectory(string path);
    void Rename(string from, string to);
}

/// <summary>An upload in progress. Disposing it without <see cref="Commit"/> abandons it: a replacement leaves the old file whole.</summary>
public interface IUpload : IDisposable
{
    Stream Stream { get; }

    /// <summary>Makes the upload visible: flushes, and for a replacement renames the new file over the old one.</summary>
    void Commit();
}
