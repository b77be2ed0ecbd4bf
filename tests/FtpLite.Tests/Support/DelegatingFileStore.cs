using FtpLite.Storage;

namespace FtpLite.Tests.Support;

/// <summary>A store that passes every call to another; a test fake overrides only what it changes.</summary>
public abstract class DelegatingFileStore : IFileStore
{
    protected DelegatingFileStore(IFileStore inner) => Inner = inner;

    protected IFileStore Inner { get; }

    public virtual FileStoreCapabilities Capabilities => Inner.Capabilities;

    public virtual Task<FileStoreEntry?> GetEntryAsync(string path, CancellationToken cancellationToken) => Inner.GetEntryAsync(path, cancellationToken);

    public virtual IFileStoreListing List(string directory) => Inner.List(directory);

    public virtual Task<Stream> OpenReadAsync(string path, long offset, CancellationToken cancellationToken) =>
        Inner.OpenReadAsync(path, offset, cancellationToken);

    public virtual Task<IUpload> BeginUploadAsync(string path, UploadMode mode, long offset, string? owner, CancellationToken cancellationToken) =>
        Inner.BeginUploadAsync(path, mode, offset, owner, cancellationToken);

    public virtual Task<long?> PendingUploadLengthAsync(string path, string owner, CancellationToken cancellationToken) =>
        Inner.PendingUploadLengthAsync(path, owner, cancellationToken);

    public virtual Task CreateDirectoryAsync(string path, CancellationToken cancellationToken) => Inner.CreateDirectoryAsync(path, cancellationToken);

    public virtual Task DeleteFileAsync(string path, CancellationToken cancellationToken) => Inner.DeleteFileAsync(path, cancellationToken);

    public virtual Task DeleteDirectoryAsync(string path, CancellationToken cancellationToken) => Inner.DeleteDirectoryAsync(path, cancellationToken);

    public virtual Task RenameAsync(string from, string to, CancellationToken cancellationToken) => Inner.RenameAsync(from, to, cancellationToken);

    public virtual Task SetLastWriteTimeAsync(string path, DateTime lastWriteTimeUtc, CancellationToken cancellationToken) =>
        Inner.SetLastWriteTimeAsync(path, lastWriteTimeUtc, cancellationToken);
}
