using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;

namespace FtpLite.Storage.S3;

/// <summary>
/// An upload to one key. Data is buffered to <see cref="PartSize"/>; a file that fits is one PutObject at the commit,
/// a larger one a multipart upload whose parts go out as the buffer fills and which only the commit completes, so the
/// old object stays whole (and the new one invisible) until then. Disposed uncommitted, the multipart upload is
/// aborted. A kept head (append, resume) is copied server-side as the first parts when it is at least 5 MiB (S3's
/// smallest part), else read back into the buffer. The SHA-256 of the content is computed on the way when every byte
/// passes through here (not after a server-side copy) and stored as metadata.
/// </summary>
internal sealed class S3Upload : IUpload
{
    /// <summary>Bytes per uploaded part: above S3's 5 MiB minimum; 10,000 parts make 80 GiB.</summary>
    public const int PartSize = 8 * 1024 * 1024;

    private readonly IAmazonS3 _client;
    private readonly S3Copier _copier;
    private readonly string _bucket;
    private readonly string _key;
    private MemoryStream _buffer = new();
    private readonly List<PartETag> _parts = new();
    private IncrementalHash? _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private string? _uploadId;
    private bool _finished;

    public S3Upload(IAmazonS3 client, S3Copier copier, string bucket, string key)
    {
        _client = client;
        _copier = copier;
        _bucket = bucket;
        _key = key;
        Stream = new UploadStream(this);
    }

    public Stream Stream { get; }

    /// <summary>Starts from the first <paramref name="length"/> bytes of the object as it is (ETag <paramref name="etag"/>).</summary>
    public async Task KeepHeadAsync(string sourceKey, string etag, long length, CancellationToken cancellationToken)
    {
        if (length <= 0) return;
        if (length < S3Copier.MinPartSize)
        {
            var request = new GetObjectRequest { BucketName = _bucket, Key = sourceKey, EtagToMatch = etag, ByteRange = new ByteRange(0, length - 1) };
            using var response = await _client.GetObjectAsync(request, cancellationToken).ConfigureAwait(false);
            await response.ResponseStream.CopyToAsync(Stream, 81920, cancellationToken).ConfigureAwait(false);
            if (_buffer.Length != length) throw new IOException("The object store sent a short range.");
            return;
        }
        await StartMultipartAsync(cancellationToken).ConfigureAwait(false);
        _parts.AddRange(await _copier.CopyPartsAsync(_uploadId!, _key, sourceKey, etag, length, 1, cancellationToken).ConfigureAwait(false));
        _sha256?.Dispose();
        _sha256 = null; // the head never passed through here
    }

    private async Task WriteAsync(byte[] data, int offset, int count, CancellationToken cancellationToken)
    {
        if (_finished) throw new ObjectDisposedException(nameof(S3Upload));
        _sha256?.AppendData(data, offset, count);
        while (count > 0)
        {
            var room = PartSize - (int)_buffer.Length;
            var take = Math.Min(room, count);
            _buffer.Write(data, offset, take);
            offset += take;
            count -= take;
            // A full buffer goes out only once more data follows, so that the last part is never empty.
            if (_buffer.Length == PartSize && count > 0) await SendPartAsync(cancellationToken).ConfigureAwait(false);
        }
        if (_buffer.Length == PartSize) await SendPartAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task StartMultipartAsync(CancellationToken cancellationToken)
    {
        if (_uploadId is not null) return;
        var request = new InitiateMultipartUploadRequest { BucketName = _bucket, Key = _key };
        _uploadId = (await _client.InitiateMultipartUploadAsync(request, cancellationToken).ConfigureAwait(false)).UploadId;
    }

    private async Task SendPartAsync(CancellationToken cancellationToken)
    {
        await StartMultipartAsync(cancellationToken).ConfigureAwait(false);
        var number = _parts.Count + 1;
        // The SDK closes a part's stream: the part takes the buffer, and a new one takes the next bytes.
        using var part = _buffer;
        _buffer = new MemoryStream();
        part.Position = 0;
        var request = new UploadPartRequest
        {
            BucketName = _bucket,
            Key = _key,
            UploadId = _uploadId,
            PartNumber = number,
            InputStream = part,
            PartSize = part.Length,
            UseChunkEncoding = false,
        };
        var response = await _client.UploadPartAsync(request, cancellationToken).ConfigureAwait(false);
        _parts.Add(new PartETag(number, response.ETag));
    }

    public Task CommitAsync(CancellationToken cancellationToken) => S3Errors.Call(async () =>
    {
        if (_finished) throw new InvalidOperationException("The upload is finished.");
        var hash = _sha256 is null ? null : ToHex(_sha256.GetHashAndReset());
        if (_uploadId is null)
        {
            _buffer.Position = 0;
            var put = new PutObjectRequest { BucketName = _bucket, Key = _key, InputStream = _buffer, AutoCloseStream = false, UseChunkEncoding = false };
            if (hash is not null) put.Metadata[S3Metadata.Sha256] = hash;
            await _client.PutObjectAsync(put, cancellationToken).ConfigureAwait(false);
            _finished = true;
            return;
        }

        if (_buffer.Length > 0 || _parts.Count == 0) await SendPartAsync(cancellationToken).ConfigureAwait(false);
        var complete = new CompleteMultipartUploadRequest { BucketName = _bucket, Key = _key, UploadId = _uploadId, PartETags = _parts };
        var completed = await _client.CompleteMultipartUploadAsync(complete, cancellationToken).ConfigureAwait(false);
        _finished = true;
        if (hash is not null) await StampHashAsync(completed.ETag, hash, cancellationToken).ConfigureAwait(false);
    }, cancellationToken);

    /// <summary>
    /// A multipart upload's metadata is fixed when it starts, before the hash is known: it is added afterwards by a copy
    /// of the object onto itself, only if the object is still the one just completed. Failing that, HASH is computed.
    /// </summary>
    private async Task StampHashAsync(string etag, string hash, CancellationToken cancellationToken)
    {
        try
        {
            var head = await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = _key, EtagToMatch = etag }, cancellationToken).ConfigureAwait(false);
            if (head.ContentLength > S3Copier.MaxCopySize) return;
            var metadata = new MetadataCollection();
            S3Metadata.CopyInto(head.Metadata, metadata);
            metadata[S3Metadata.Sha256] = hash;
            await _copier.CopyAsync(_key, etag, head.ContentLength, _key, metadata, head.Headers.ContentType, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception)
        {
            // The content is committed; only the stored hash is missing.
        }
    }

    public Task DiscardAsync(CancellationToken cancellationToken) => AbortAsync();

    public void Dispose()
    {
        // Dispose is synchronous; the abort is one bounded request.
        if (!_finished) AbortAsync().GetAwaiter().GetResult();
        _sha256?.Dispose();
        _buffer.Dispose();
    }

    private async Task AbortAsync()
    {
        if (_finished) return;
        _finished = true;
        _buffer.SetLength(0);
        if (_uploadId is not null) await _copier.AbortQuietlyAsync(_key, _uploadId).ConfigureAwait(false);
    }

    private static string ToHex(byte[] bytes)
    {
        var chars = new char[bytes.Length * 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = "0123456789abcdef"[bytes[i] >> 4];
            chars[2 * i + 1] = "0123456789abcdef"[bytes[i] & 15];
        }
        return new string(chars);
    }

    /// <summary>The write side the session copies into; reads and seeks are not offered.</summary>
    private sealed class UploadStream : Stream
    {
        private readonly S3Upload _upload;
        private long _length;

        public UploadStream(S3Upload upload) => _upload = upload;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            await S3Errors.Call(() => _upload.WriteAsync(buffer, offset, count, cancellationToken), cancellationToken).ConfigureAwait(false);
            _length += count;
        }

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override void Flush()
        {
            // Parts go out when full; the rest at the commit.
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
