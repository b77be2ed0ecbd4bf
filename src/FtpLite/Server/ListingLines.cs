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

    /// <summary>The next line, or null at the end.</summary>
    public async Task<string?> NextAsync(CancellationToken cancellationToken)
    {
        if (_single is not null)
        {
            var entry = _single;
            _single = null;
            return _format(entry);
        }
        if (_entries is null) return null;
        while (await MoveAsync(cancellationToken).ConfigureAwait(false))
        {
            var item = _entries.Current;
            if (_pattern is null || Wildcard.IsMatch(item.Name, _pattern)) return _format(item);
        }
        return null;
    }

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
