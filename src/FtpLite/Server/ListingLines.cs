using FtpLite.Protocol;
using FtpLite.Storage;

namespace FtpLite.Server;

/// <summary>
/// The lines of one LIST, NLST, MLSD or STAT, made one at a time as the store's listing streams in: a folder's entries
/// (those a pattern matches), or the one file that was named. Never holds the folder whole.
/// </summary>
internal sealed class ListingLines : IDisposable
{
    private readonly IFileStoreListing? _entries;
    private readonly string? _pattern;
    private readonly Func<FileStoreEntry, string> _format;
    private FileStoreEntry? _single;
    private bool? _firstMove;
    private Task<bool>? _waiting;
    private bool _disposed;

    private ListingLines(IFileStoreListing? entries, FileStoreEntry? single, string? pattern, Func<FileStoreEntry, string> format)
    {
        _entries = entries;
        _single = single;
        _pattern = pattern;
        _format = format;
    }

    /// <summary>
    /// Opens the listing of <paramref name="target"/> and reads ahead to its first entry, so that a folder that is
    /// gone, or cannot be read, fails now (before any reply or 150) rather than halfway through the lines.
    /// </summary>
    public static async Task<ListingLines> OpenAsync(IFileStore store, FileStoreEntry target, string? pattern,
        Func<FileStoreEntry, string> format, CancellationToken cancellationToken)
    {
        if (!target.IsDirectory) return new ListingLines(null, target, null, format);
        var entries = store.List(target.VirtualPath);
        try
        {
            var lines = new ListingLines(entries, null, pattern, format);
            lines._firstMove = await entries.MoveNextAsync(cancellationToken).ConfigureAwait(false);
            return lines;
        }
        catch
        {
            entries.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The next line (null at the end) when it is there without waiting, as it always is from a local folder: true.
    /// False when the store must be waited for; then <see cref="NextAsync"/> gives it. No task per line on the fast path.
    /// </summary>
    public bool TryNext(out string? line, CancellationToken cancellationToken)
    {
        line = null;
        if (_single is not null)
        {
            line = _format(_single);
            _single = null;
            return true;
        }
        if (_entries is null) return true;
        while (true)
        {
            var move = MoveAsync(cancellationToken);
            if (!move.IsCompleted)
            {
                _waiting = move;
                return false;
            }
            if (!move.GetAwaiter().GetResult()) return true;
            if (Matches(_entries.Current))
            {
                line = _format(_entries.Current);
                return true;
            }
        }
    }

    /// <summary>The next line, or null at the end.</summary>
    public async Task<string?> NextAsync(CancellationToken cancellationToken)
    {
        // Called after TryNext said to wait, the move it began is awaited here, not begun again.
        var move = _waiting;
        _waiting = null;
        if (move is null)
        {
            if (TryNext(out var ready, cancellationToken)) return ready;
            move = _waiting!;
            _waiting = null;
        }
        while (await move.ConfigureAwait(false))
        {
            if (Matches(_entries!.Current)) return _format(_entries.Current);
            move = MoveAsync(cancellationToken);
        }
        return null;
    }

    private bool Matches(FileStoreEntry item) => _pattern is null || Wildcard.IsMatch(item.Name, _pattern);

    private Task<bool> MoveAsync(CancellationToken cancellationToken)
    {
        if (_firstMove is not bool first) return _entries!.MoveNextAsync(cancellationToken);
        _firstMove = null;
        return first ? True : False;
    }

    private static readonly Task<bool> True = Task.FromResult(true);
    private static readonly Task<bool> False = Task.FromResult(false);

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _entries?.Dispose();
    }
}
