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
/// What a store can do. The server asks before it acts and answers a client truthfully (502, 504 or 550 with the
/// reason) where the store cannot, rather than half-doing it.
/// </summary>
[Flags]
public enum FileStoreCapabilities
{
    None = 0,

    /// <summary>A folder (and all it holds) is renamed in one step; without it RNFR of a folder is refused.</summary>
    AtomicFolderRename = 1,

    /// <summary><see cref="UploadMode.Append"/> works (APPE); without it APPE is refused.</summary>
    Append = 2,

    /// <summary><see cref="UploadMode.Resume"/> at an offset above 0 works (REST + STOR); without it that is refused.</summary>
    Resume = 4,

    /// <summary>An interrupted upload with an owner is kept for that owner (<see cref="IFileStore.PendingUploadLengthAsync"/>).</summary>
    PendingUploads = 8,

    /// <summary><see cref="IFileStore.SetLastWriteTimeAsync"/> works (MFMT); without it that is refused.</summary>
    SetModifiedTime = 16,
}

/// <summary>
/// A rooted file system. Every path is a normalised virtual path ("/a/b"); no path can name anything outside the root.
/// Failures are <see cref="FileStoreException"/>s, whose message a client may read (it never names a server path).
/// Methods may complete synchronously (the local folder does); a store over the network awaits.
/// A store is shared by all the sessions of its accounts, so every member must be safe to call concurrently.
/// </summary>
public interface IFileStore
{
    /// <summary>What this store can do; the server refuses the rest before asking.</summary>
    FileStoreCapabilities Capabilities { get; }

    /// <summary>The entry at a path, or null when there is none.</summary>
    Task<FileStoreEntry?> GetEntryAsync(string path, CancellationToken cancellationToken);

    /// <summary>
    /// The entries of a folder, streamed and unsorted (sorting needs the whole folder in memory). A missing folder
    /// throws <see cref="FileStoreException"/> (<see cref="FileStoreError.NotFound"/>) at the latest from the first
    /// <see cref="IFileStoreListing.MoveNextAsync"/>; a failure while reading throws from a later one.
    /// </summary>
    IFileStoreListing List(string directory);

    /// <summary>Opens a file for reading from <paramref name="offset"/> (beyond the end: <see cref="FileStoreError.Failed"/>).</summary>
    Task<Stream> OpenReadAsync(string path, long offset, CancellationToken cancellationToken);

    /// <summary>
    /// Starts an upload; nothing is visible under the path's name until <see cref="IUpload.CommitAsync"/>, in every mode: a
    /// resume or an append starts from a copy. With an <paramref name="owner"/> (and <see cref="FileStoreCapabilities.PendingUploads"/>),
    /// an upload that is interrupted stays (hidden) as that owner's pending upload of the path, and a resume
    /// (<see cref="UploadMode.Resume"/> at an offset up to its length, or <see cref="UploadMode.Append"/>) continues it.
    /// </summary>
    Task<IUpload> BeginUploadAsync(string path, UploadMode mode, long offset, string? owner, CancellationToken cancellationToken);

    /// <summary>The length of <paramref name="owner"/>'s pending (interrupted) upload of a path, or null when there is none.</summary>
    Task<long?> PendingUploadLengthAsync(string path, string owner, CancellationToken cancellationToken);

    /// <summary>Makes a folder whose parent exists (exists already: <see cref="FileStoreError.AlreadyExists"/>).</summary>
    Task CreateDirectoryAsync(string path, CancellationToken cancellationToken);

    /// <summary>Removes a file (a folder: <see cref="FileStoreError.NotAFile"/>).</summary>
    Task DeleteFileAsync(string path, CancellationToken cancellationToken);

    /// <summary>Removes an empty folder (not empty: <see cref="FileStoreError.NotEmpty"/>; the root: <see cref="FileStoreError.AccessDenied"/>).</summary>
    Task DeleteDirectoryAsync(string path, CancellationToken cancellationToken);

    /// <summary>Renames a file (replacing a file of the target's name) or a folder (onto no existing name).</summary>
    Task RenameAsync(string from, string to, CancellationToken cancellationToken);

    /// <summary>Sets a file's or folder's modification time (with <see cref="FileStoreCapabilities.SetModifiedTime"/>).</summary>
    Task SetLastWriteTimeAsync(string path, DateTime lastWriteTimeUtc, CancellationToken cancellationToken);
}

/// <summary>
/// A folder's entries, one at a time: an asynchronous cursor (IAsyncEnumerable is missing on netstandard2.0).
/// Dispose it when done, read to the end or not.
/// </summary>
public interface IFileStoreListing : IDisposable
{
    /// <summary>The entry the last <see cref="MoveNextAsync"/> that returned true moved to.</summary>
    FileStoreEntry Current { get; }

    /// <summary>Moves to the next entry; false at the end.</summary>
    Task<bool> MoveNextAsync(CancellationToken cancellationToken);
}

/// <summary>
/// An upload in progress. Disposing it without <see cref="CommitAsync"/> abandons it: the old file stays whole, and
/// what arrived stays only as its owner's pending upload.
/// </summary>
public interface IUpload : IDisposable
{
    /// <summary>Where the data goes.</summary>
    Stream Stream { get; }

    /// <summary>Makes the upload visible, replacing the old file in one step. On failure nothing is left behind.</summary>
    Task CommitAsync(CancellationToken cancellationToken);

    /// <summary>Abandons the upload and removes what arrived (a full disk, say): nothing stays to resume.</summary>
    Task DiscardAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Optional, beside <see cref="IFileStore"/>: a store that keeps checksums made at upload answers HASH from them
/// instead of the server reading the whole file.
/// </summary>
public interface IStoredHashes
{
    /// <summary>
    /// The stored digest of a file in <paramref name="algorithm"/> (the HASH wire name: "SHA-256", "MD5"...), as
    /// lowercase hex; null when none is kept, and the server computes it by streaming the file.
    /// </summary>
    Task<string?> GetStoredHashAsync(string path, string algorithm, CancellationToken cancellationToken);
}
