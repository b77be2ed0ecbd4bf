using Amazon.S3;
using Amazon.S3.Model;

namespace FtpLite.Storage.S3;

/// <summary>
/// A folder's entries, one ListObjectsV2 page (up to 1,000) at a time with "/" as the delimiter: objects are the files,
/// common prefixes the folders; the folder's own marker is left out. A prefix with nothing under it is a missing
/// folder (except the root). Files carry the listing's LastModified: an MFMT time (metadata) shows in MDTM/MLST of
/// the file, not in a listing, which would need one request per file to read it.
/// </summary>
internal sealed class S3Listing : IFileStoreListing
{
    private readonly IAmazonS3 _client;
    private readonly string _bucket;
    private readonly string _directory;
    private readonly string _prefix;
    private readonly bool _isRoot;
    private readonly Queue<FileStoreEntry> _page = new();
    private string? _continuation;
    private bool _started;
    private bool _ended;
    private FileStoreEntry? _current;

    public S3Listing(IAmazonS3 client, string bucket, string directory, string prefix, bool isRoot)
    {
        _client = client;
        _bucket = bucket;
        _directory = directory;
        _prefix = prefix;
        _isRoot = isRoot;
    }

    public FileStoreEntry Current => _current ?? throw new InvalidOperationException("MoveNextAsync has not moved to an entry.");

    public Task<bool> MoveNextAsync(CancellationToken cancellationToken) => S3Errors.Call(async () =>
    {
        // Bounded: each round either yields an entry or reads a page, and the store ends the pages.
        while (_page.Count == 0 && !_ended) await ReadPageAsync(cancellationToken).ConfigureAwait(false);
        if (_page.Count == 0) return false;
        _current = _page.Dequeue();
        return true;
    }, cancellationToken);

    private async Task ReadPageAsync(CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = _prefix, Delimiter = "/", ContinuationToken = _continuation };
        var response = await _client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
        var objects = response.S3Objects ?? new List<S3Object>();
        var prefixes = response.CommonPrefixes ?? new List<string>();
        if (!_started && !_isRoot && objects.Count == 0 && prefixes.Count == 0)
            throw new FtpLite.Storage.FileStoreException(FtpLite.Storage.FileStoreError.NotFound, "No such folder.");
        _started = true;

        foreach (var item in objects)
        {
            var name = item.Key.Substring(_prefix.Length);
            if (!IsPlainName(name)) continue; // the marker itself ("") and keys no FTP path can name
            _page.Enqueue(new FileStoreEntry(name, S3Keys.Combine(_directory, name), false, item.Size ?? 0, S3Metadata.Utc(item.LastModified)));
        }
        foreach (var common in prefixes)
        {
            var name = common.Substring(_prefix.Length).TrimEnd('/');
            if (!IsPlainName(name)) continue;
            _page.Enqueue(new FileStoreEntry(name, S3Keys.Combine(_directory, name), true, 0, S3Metadata.Epoch));
        }

        _continuation = response.NextContinuationToken;
        if (response.IsTruncated != true || string.IsNullOrEmpty(_continuation)) _ended = true;
    }

    private static bool IsPlainName(string name) => name.Length > 0 && name != "." && name != ".." && name.IndexOf('/') < 0;

    public void Dispose()
    {
        _page.Clear();
        _ended = true;
    }
}
