namespace FtpLite.Storage;

/// <summary>
/// An <see cref="IFileStoreListing"/> over entries that are read without waiting (a local folder, a list in memory):
/// each move completes at once. For a store's own use; a store over the network writes its own cursor.
/// </summary>
public sealed class FileStoreListing : IFileStoreListing
{
    private static readonly Task<bool> Moved = Task.FromResult(true);
    private static readonly Task<bool> Ended = Task.FromResult(false);

    private readonly IEnumerator<FileStoreEntry> _entries;
    private FileStoreEntry? _current;

    private FileStoreListing(IEnumerator<FileStoreEntry> entries) => _entries = entries;

    /// <summary>A cursor over <paramref name="entries"/>, read one at a time as the cursor moves.</summary>
    public static IFileStoreListing From(IEnumerable<FileStoreEntry> entries) =>
        new FileStoreListing((entries ?? throw new ArgumentNullException(nameof(entries))).GetEnumerator());

    public FileStoreEntry Current => _current ?? throw new InvalidOperationException("MoveNextAsync has not moved to an entry.");

    public Task<bool> MoveNextAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<bool>(cancellationToken);
        try
        {
            if (!_entries.MoveNext()) return Ended;
            _current = _entries.Current;
            return Moved;
        }
        catch (Exception e)
        {
            return Task.FromException<bool>(e);
        }
    }

    public void Dispose() => _entries.Dispose();
}
