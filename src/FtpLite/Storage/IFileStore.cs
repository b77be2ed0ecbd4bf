namespace FtpLite.Storage;

/// <summary>How an upload meets an existing file.</summary>
public enum UploadMode
{
    /// <summary>Replace the whole file, atomically: the old one stays until the new one is complete.</summary>
    Replace,

    /// <summary>Add to the end (APPE): of the owner's pending upload when there is one, else of the file.</summary>
    Append,

    /// <summary>Write from an offset (REST + STOR), keeping what lies before it: of the owner's pending upload when it reaches the offset, else of the file.</summary>
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

    /// <summary>
    /// Starts an upload; nothing is visible under the path's name until <see cref="IUpload.Commit"/>, in every mode: a
    /// resume or an append starts from a copy. With an <paramref name="owner"/>, an upload that is interrupted stays
    /// (hidden) as that owner's pending upload of the path, and a resume (<see cref="UploadMode.Resume"/> at an offset
    /// up to its length, or <see cref="UploadMode.Append"/>) continues it.
    /// </summary>
    IUpload BeginUpload(string path, UploadMode mode, long offset, string? owner = null);

    /// <summary>The length of <paramref name="owner"/>'s pending (interrupted) upload of a path, or null when there is none.</summary>
    long? PendingUploadLength(string path, string owner);

    /// <summary>Sets a file's modification time (MFMT), so a mirrored copy keeps its source's time.</summary>
    void SetLastWriteTime(string path, DateTime utc);

    void CreateDirectory(string path);
    void DeleteFile(string path);
    void DeleteDirectory(string path);
    void Rename(string from, string to);
}

/// <summary>
/// An upload in progress. Disposing it without <see cref="Commit"/> abandons it: the old file stays whole, and what
/// arrived stays only as its owner's pending upload.
/// </summary>
public interface IUpload : IDisposable
{
    Stream Stream { get; }

    /// <summary>Makes the upload visible: flushes and renames the new file over the old one. On failure nothing is left behind.</summary>
    void Commit();

    /// <summary>Abandons the upload and removes what arrived (a full disk, say): nothing stays to resume.</summary>
    void Discard();
}
