using Amazon.S3;
using Amazon.S3.Model;
using FtpLite.Storage;

namespace FtpLite.Storage.S3;

/// <summary>
/// A store on an S3-compatible bucket (optionally under a key prefix). Files are objects; folders are key prefixes,
/// an empty one kept by a zero-byte marker object named "folder/". Uploads become visible only when complete (one
/// PutObject, or a multipart upload completed at the commit); an abandoned upload is aborted and the old object stays
/// whole. Append and resume keep the old head by server-side copy (see <see cref="S3Upload"/>). A file rename is a
/// server-side copy then a delete (not atomic: a failure between them leaves both names); folders are not renamed
/// (that would be one copy per object, neither atomic nor bounded). MFMT times and upload SHA-256s live in metadata.
/// Interrupted uploads are not kept for a later resume: S3 cannot read back a multipart upload's parts.
/// </summary>
public sealed class S3FileStore : IFileStore, IStoredHashes
{
    private const string FolderContentType = "application/x-directory";

    private readonly IAmazonS3 _client;
    private readonly string _bucket;
    private readonly S3Keys _keys;
    private readonly S3Copier _copier;

    /// <param name="client">A client for the endpoint (see <see cref="S3ClientFactory"/>); the store does not dispose it.</param>
    /// <param name="bucket">The bucket, which must exist.</param>
    /// <param name="prefix">Where the store's root lies in the bucket ("" for the whole bucket).</param>
    public S3FileStore(IAmazonS3 client, string bucket, string? prefix = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _bucket = string.IsNullOrEmpty(bucket) ? throw new ArgumentException("A bucket is needed.", nameof(bucket)) : bucket;
        _keys = new S3Keys(prefix);
        _copier = new S3Copier(client, bucket);
    }

    /// <summary>"s3://bucket/prefix/", as the server reports what it serves.</summary>
    public override string ToString() => "s3://" + _bucket + "/" + _keys.Root;

    public FileStoreCapabilities Capabilities => FileStoreCapabilities.Append | FileStoreCapabilities.Resume | FileStoreCapabilities.SetModifiedTime;

    public Task<FileStoreEntry?> GetEntryAsync(string path, CancellationToken cancellationToken) => S3Errors.Call(async () =>
    {
        if (S3Keys.IsRoot(path))
        {
            _keys.FolderPrefix(path);
            return new FileStoreEntry("/", path, true, 0, S3Metadata.Epoch);
        }
        var file = await HeadAsync(_keys.FileKey(path), cancellationToken).ConfigureAwait(false);
        if (file is not null) return FileEntry(path, file);
        return await FolderEntryAsync(path, cancellationToken).ConfigureAwait(false);
    }, cancellationToken);

    public IFileStoreListing List(string directory)
    {
        var prefix = _keys.FolderPrefix(directory);
        return new S3Listing(_client, _bucket, directory, prefix, S3Keys.IsRoot(directory));
    }

    public Task<Stream> OpenReadAsync(string path, long offset, CancellationToken cancellationToken) => S3Errors.Call(async () =>
    {
        var key = _keys.FileKey(path);
        var head = await HeadAsync(key, cancellationToken).ConfigureAwait(false) ?? throw await MissingFileAsync(path, cancellationToken).ConfigureAwait(false);
        if (offset < 0 || offset > head.ContentLength) throw new FileStoreException(FileStoreError.Failed, "Restart offset beyond the end of the file.");
        if (offset == head.ContentLength) return (Stream)new MemoryStream(Array.Empty<byte>(), false);
        var request = new GetObjectRequest { BucketName = _bucket, Key = key, EtagToMatch = head.ETag };
        if (offset > 0) request.ByteRange = new ByteRange(offset, head.ContentLength - 1);
        var response = await _client.GetObjectAsync(request, cancellationToken).ConfigureAwait(false);
        return new ResponseStream(response);
    }, cancellationToken);

    public Task<IUpload> BeginUploadAsync(string path, UploadMode mode, long offset, string? owner, CancellationToken cancellationToken) => S3Errors.Call(async () =>
    {
        var key = _keys.FileKey(path);
        await RequireFolderAsync(S3Keys.Parent(path), cancellationToken).ConfigureAwait(false);
        var existing = await HeadAsync(key, cancellationToken).ConfigureAwait(false);
        if (existing is null && await FolderExistsAsync(path, cancellationToken).ConfigureAwait(false))
            throw new FileStoreException(FileStoreError.NotAFile, "A folder has that name.");

        long keep = 0;
        if (mode == UploadMode.Append) keep = existing?.ContentLength ?? 0;
        else if (mode == UploadMode.Resume)
        {
            if (offset < 0 || offset > (existing?.ContentLength ?? 0)) throw new FileStoreException(FileStoreError.Failed, "Restart offset beyond the end of the file.");
            keep = offset;
        }

        var upload = new S3Upload(_client, _copier, _bucket, key);
        try
        {
            if (keep > 0) await upload.KeepHeadAsync(key, existing!.ETag, keep, cancellationToken).ConfigureAwait(false);
            return (IUpload)upload;
        }
        catch
        {
            upload.Dispose();
            throw;
        }
    }, cancellationToken);

    public Task<long?> PendingUploadLengthAsync(string path, string owner, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<long?>(null);
    }

    public Task CreateDirectoryAsync(string path, CancellationToken cancellationToken) => S3Errors.Call(async () =>
    {
        if (S3Keys.IsRoot(path)) throw new FileStoreException(FileStoreError.AlreadyExists, "The folder exists.");
        var marker = _keys.FolderPrefix(path);
        await RequireFolderAsync(S3Keys.Parent(path), cancellationToken).ConfigureAwait(false);
        if (await HeadAsync(_keys.FileKey(path), cancellationToken).ConfigureAwait(false) is not null
            || await FolderExistsAsync(path, cancellationToken).ConfigureAwait(false))
            throw new FileStoreException(FileStoreError.AlreadyExists, "A file or folder of that name exists.");
        await PutMarkerAsync(marker, null, cancellationToken).ConfigureAwait(false);
    }, cancellationToken);

    public Task DeleteFileAsync(string path, CancellationToken cancellationToken) => S3Errors.Call(async () =>
    {
        var key = _keys.FileKey(path);
        if (await HeadAsync(key, cancellationToken).ConfigureAwait(false) is null) throw await MissingFileAsync(path, cancellationToken).ConfigureAwait(false);
        await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = key }, cancellationToken).ConfigureAwait(false);
    }, cancellationToken);

    public Task DeleteDirectoryAsync(string path, CancellationToken cancellationToken) => S3Errors.Call(async () =>
    {
        if (S3Keys.IsRoot(path)) throw new FileStoreException(FileStoreError.AccessDenied, "The root folder cannot be removed.");
        var marker = _keys.FolderPrefix(path);
        var listing = await _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = marker, MaxKeys = 2 }, cancellationToken).ConfigureAwait(false);
        var keys = (listing.S3Objects ?? new List<S3Object>()).Select(o => o.Key).ToList();
        if (keys.Count == 0)
        {
            if (await HeadAsync(_keys.FileKey(path), cancellationToken).ConfigureAwait(false) is not null)
                throw new FileStoreException(FileStoreError.NotADirectory, "Not a folder.");
            throw new FileStoreException(FileStoreError.NotFound, "No such folder.");
        }
        if (keys.Any(k => k != marker)) throw new FileStoreException(FileStoreError.NotEmpty, "The folder is not empty.");
        await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = marker }, cancellationToken).ConfigureAwait(false);
    }, cancellationToken);

    public Task RenameAsync(string from, string to, CancellationToken cancellationToken) => S3Errors.Call(async () =>
    {
        if (S3Keys.IsRoot(from) || S3Keys.IsRoot(to)) throw new FileStoreException(FileStoreError.AccessDenied, "The root folder cannot be renamed.");
        var fromKey = _keys.FileKey(from);
        var toKey = _keys.FileKey(to);
        var source = await HeadAsync(fromKey, cancellationToken).ConfigureAwait(false);
        if (source is null)
        {
            if (!await FolderExistsAsync(from, cancellationToken).ConfigureAwait(false)) throw new FileStoreException(FileStoreError.NotFound, "No such file or folder.");
            if ((to + "/").StartsWith(from + "/", StringComparison.Ordinal)) throw new FileStoreException(FileStoreError.InvalidName, "A folder cannot move into itself.");
            throw new FileStoreException(FileStoreError.AccessDenied, "Folders cannot be renamed on an object store.");
        }
        if (fromKey == toKey) return;
        await RequireFolderAsync(S3Keys.Parent(to), cancellationToken).ConfigureAwait(false);
        if (await FolderExistsAsync(to, cancellationToken).ConfigureAwait(false)) throw new FileStoreException(FileStoreError.AlreadyExists, "A folder has that name.");
        await _copier.CopyAsync(fromKey, source.ETag, source.ContentLength, toKey, null, null, cancellationToken).ConfigureAwait(false);
        await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = fromKey }, cancellationToken).ConfigureAwait(false);
    }, cancellationToken);

    public Task SetLastWriteTimeAsync(string path, DateTime lastWriteTimeUtc, CancellationToken cancellationToken) => S3Errors.Call(async () =>
    {
        if (S3Keys.IsRoot(path)) throw new FileStoreException(FileStoreError.AccessDenied, "The root folder has no time of its own here.");
        var key = _keys.FileKey(path);
        var head = await HeadAsync(key, cancellationToken).ConfigureAwait(false);
        if (head is not null)
        {
            // Metadata is changed by copying the object onto itself with replaced metadata (server-side).
            var metadata = new MetadataCollection();
            S3Metadata.CopyInto(head.Metadata, metadata);
            metadata[S3Metadata.ModifiedTime] = S3Metadata.Format(lastWriteTimeUtc);
            await _copier.CopyAsync(key, head.ETag, head.ContentLength, key, metadata, head.Headers.ContentType, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (!await FolderExistsAsync(path, cancellationToken).ConfigureAwait(false)) throw new FileStoreException(FileStoreError.NotFound, "No such file or folder.");
        await PutMarkerAsync(_keys.FolderPrefix(path), lastWriteTimeUtc, cancellationToken).ConfigureAwait(false);
    }, cancellationToken);

    public Task<string?> GetStoredHashAsync(string path, string algorithm, CancellationToken cancellationToken) => S3Errors.Call(async () =>
    {
        if (!string.Equals(algorithm, "SHA-256", StringComparison.OrdinalIgnoreCase)) return null;
        var head = await HeadAsync(_keys.FileKey(path), cancellationToken).ConfigureAwait(false);
        return head is null ? null : S3Metadata.Get(head.Metadata, S3Metadata.Sha256);
    }, cancellationToken);

    private static FileStoreEntry FileEntry(string path, GetObjectMetadataResponse head) =>
        new(S3Keys.Name(path), path, false, head.ContentLength, S3Metadata.Time(head.Metadata) ?? S3Metadata.Utc(head.LastModified));

    /// <summary>A folder's entry: its marker's time (MFMT metadata, else when it was made), or none for a bare prefix.</summary>
    private async Task<FileStoreEntry?> FolderEntryAsync(string path, CancellationToken cancellationToken)
    {
        var prefix = _keys.FolderPrefix(path);
        var first = await FirstKeyUnderAsync(prefix, cancellationToken).ConfigureAwait(false);
        if (first is null) return null;
        var time = S3Metadata.Epoch;
        if (first.Key == prefix)
        {
            var marker = await HeadAsync(prefix, cancellationToken).ConfigureAwait(false);
            if (marker is not null) time = S3Metadata.Time(marker.Metadata) ?? S3Metadata.Utc(marker.LastModified);
        }
        return new FileStoreEntry(S3Keys.Name(path), path, true, 0, time);
    }

    private async Task<S3Object?> FirstKeyUnderAsync(string prefix, CancellationToken cancellationToken)
    {
        var response = await _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = prefix, MaxKeys = 1 }, cancellationToken).ConfigureAwait(false);
        return response.S3Objects is { Count: > 0 } objects ? objects[0] : null;
    }

    private async Task<bool> FolderExistsAsync(string path, CancellationToken cancellationToken) =>
        S3Keys.IsRoot(path) || await FirstKeyUnderAsync(_keys.FolderPrefix(path), cancellationToken).ConfigureAwait(false) is not null;

    private async Task RequireFolderAsync(string path, CancellationToken cancellationToken)
    {
        if (!await FolderExistsAsync(path, cancellationToken).ConfigureAwait(false)) throw new FileStoreException(FileStoreError.NotFound, "No such folder.");
    }

    /// <summary>Why a path is not a readable file: a folder there, or nothing.</summary>
    private async Task<FileStoreException> MissingFileAsync(string path, CancellationToken cancellationToken) =>
        await FolderExistsAsync(path, cancellationToken).ConfigureAwait(false)
            ? new FileStoreException(FileStoreError.NotAFile, "Not a file.")
            : new FileStoreException(FileStoreError.NotFound, "No such file.");

    private async Task PutMarkerAsync(string marker, DateTime? time, CancellationToken cancellationToken)
    {
        var request = new PutObjectRequest { BucketName = _bucket, Key = marker, InputStream = new MemoryStream(Array.Empty<byte>()), ContentType = FolderContentType, UseChunkEncoding = false };
        if (time is { } t) request.Metadata[S3Metadata.ModifiedTime] = S3Metadata.Format(t);
        await _client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The object's metadata, or null when there is no such object.</summary>
    private async Task<GetObjectMetadataResponse?> HeadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = key }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (S3Errors.IsNotFound(e))
        {
            return null;
        }
    }

    /// <summary>The object's bytes; disposing it closes the HTTP response.</summary>
    private sealed class ResponseStream : Stream
    {
        private readonly GetObjectResponse _response;

        public ResponseStream(GetObjectResponse response) => _response = response;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => _response.ResponseStream.Read(buffer, offset, count);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _response.ResponseStream.ReadAsync(buffer, offset, count, cancellationToken);
#if NET8_0_OR_GREATER
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _response.ResponseStream.ReadAsync(buffer, cancellationToken);
#endif
        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _response.Dispose();
            base.Dispose(disposing);
        }
    }
}
