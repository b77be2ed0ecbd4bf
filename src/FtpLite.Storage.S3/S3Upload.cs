using System.Buffers;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;

namespace FtpLite.Storage.S3;

/// <summary>
/// An upload to one key. Data is buffered to <see cref="PartSize"/>; a file that fits is one PutObject at the commit,
/// a larger one a multipart upload which only the commit completes, so the old object stays whole (and the new one
/// invisible) until then. Full parts go out in the background, up to <see cref="MaxPartsInFlight"/> at once, while the
/// writer goes on filling the next buffer: at most (MaxPartsInFlight + 1) x 8 MiB = 32 MiB per upload. A failed part
/// fails the next write or the commit. Disposed uncommitted, the parts in flight are cancelled and awaited, then the
/// multipart upload is aborted. A kept head (append, resume) is copied server-side as the first parts when it is at
/// least 5 MiB (S3's smallest part), else read back into the buffer. The SHA-256 is stored (as PutObject metadata) only
/// for a single-PUT file: a multipart object's metadata is fixed before its hash is known, and adding it afterwards
/// means copying the whole object onto itself, which costs as much as the upload; HASH then reads the object.
/// </summary>
internal sealed class S3Upload : IUpload
{
    /// <summary>Bytes per uploaded part: above S3's 5 MiB minimum; 10,000 parts make 80 GiB.</summary>
    public const int PartSize = 8 * 1024 * 1024;

    /// <summary>Parts uploading at once while the next one fills (aws s3 cp sends 10; 3 already keeps a link busy).</summary>
    public const int MaxPartsInFlight = 3;

    private readonly IAmazonS3 _client;
    private readonly S3Copier _copier;
    private readonly string _bucket;
    private readonly string _key;
    private readonly List<PartETag> _parts = new();
    private readonly List<Task<PartETag>> _inFlight = new();
    // Cancels the parts in flight when the upload is abandoned; they outlive the write that started them.
    private readonly CancellationTokenSource _abandon = new();
    private byte[]? _buffer;
    private int _filled;
    private int _nextPart = 1;
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
            if (_filled != length) throw new IOException("The object store sent a short range.");
            return;
        }
        await StartMultipartAsync(cancellationToken).ConfigureAwait(false);
        var copied = await _copier.CopyPartsAsync(_uploadId!, _key, sourceKey, etag, length, _nextPart, cancellationToken).ConfigureAwait(false);
        _parts.AddRange(copied);
        _nextPart += copied.Count;
    }

    private async Task WriteAsync(byte[] data, int offset, int count, CancellationToken cancellationToken)
    {
        if (_finished) throw new ObjectDisposedException(nameof(S3Upload));
        ThrowIfAPartFailed();
        _sha256?.AppendData(data, offset, count);
        while (count > 0)
        {
            // A full buffer goes out only once more data follows: the last part is never empty, and a file of exactly
            // one part stays a single PutObject (with its hash).
            if (_filled == PartSize) await SendPartAsync(cancellationToken).ConfigureAwait(false);
            _buffer ??= ArrayPool<byte>.Shared.Rent(PartSize);
            var take = Math.Min(PartSize - _filled, count);
            Buffer.BlockCopy(data, offset, _buffer, _filled, take);
            _filled += take;
            offset += take;
            count -= take;
        }
    }

    private async Task StartMultipartAsync(CancellationToken cancellationToken)
    {
        if (_uploadId is not null) return;
        var request = new InitiateMultipartUploadRequest { BucketName = _bucket, Key = _key };
        _uploadId = (await _client.InitiateMultipartUploadAsync(request, cancellationToken).ConfigureAwait(false)).UploadId;
        // A multipart object gets no stored hash (see the class summary): stop computing it.
        _sha256?.Dispose();
        _sha256 = null;
    }

    /// <summary>Hands the buffer to a background part upload, first waiting for a free slot.</summary>
    private async Task SendPartAsync(CancellationToken cancellationToken)
    {
        await StartMultipartAsync(cancellationToken).ConfigureAwait(false);
        while (_inFlight.Count >= MaxPartsInFlight) await CollectOneAsync(cancellationToken).ConfigureAwait(false);
        var buffer = _buffer!;
        var length = _filled;
        _buffer = null;
        _filled = 0;
        _inFlight.Add(UploadPartAsync(_nextPart++, buffer, length));
    }

    private async Task<PartETag> UploadPartAsync(int number, byte[] buffer, int length)
    {
        try
        {
            await Task.Yield(); // the caller goes on receiving while the part is sent
            var request = new UploadPartRequest
            {
                BucketName = _bucket,
                Key = _key,
                UploadId = _uploadId,
                PartNumber = number,
                InputStream = new MemoryStream(buffer, 0, length, writable: false),
                PartSize = length,
                UseChunkEncoding = false,
            };
            var response = await _client.UploadPartAsync(request, _abandon.Token).ConfigureAwait(false);
            return new PartETag(number, response.ETag);
        }
        finally
        {
            // The request is over (sent, failed or cancelled): nothing reads the buffer any more.
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Waits for any part in flight to finish; a failed one throws (the upload then fails and is aborted).</summary>
    private async Task CollectOneAsync(CancellationToken cancellationToken)
    {
        var cancelled = new TaskCompletionSource<PartETag>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(() => cancelled.TrySetCanceled(cancellationToken)))
        {
            var done = await Task.WhenAny(_inFlight.Append(cancelled.Task)).ConfigureAwait(false);
            if (done == cancelled.Task) cancellationToken.ThrowIfCancellationRequested();
            _inFlight.Remove(done);
            _parts.Add(await done.ConfigureAwait(false));
        }
    }

    private void ThrowIfAPartFailed()
    {
        foreach (var part in _inFlight)
        {
            if (part.IsFaulted || part.IsCanceled) part.GetAwaiter().GetResult();
        }
    }

    public Task CommitAsync(CancellationToken cancellationToken) => S3Errors.Call(async () =>
    {
        if (_finished) throw new InvalidOperationException("The upload is finished.");
        if (_uploadId is null)
        {
            var hash = _sha256 is null ? null : ToHex(_sha256.GetHashAndReset());
            var put = new PutObjectRequest
            {
                BucketName = _bucket,
                Key = _key,
                InputStream = new MemoryStream(_buffer ?? Array.Empty<byte>(), 0, _filled, writable: false),
                UseChunkEncoding = false,
            };
            if (hash is not null) put.Metadata[S3Metadata.Sha256] = hash;
            await _client.PutObjectAsync(put, cancellationToken).ConfigureAwait(false);
            _finished = true;
            ReturnBuffer();
            return;
        }

        if (_filled > 0) await SendPartAsync(cancellationToken).ConfigureAwait(false);
        while (_inFlight.Count > 0) await CollectOneAsync(cancellationToken).ConfigureAwait(false);
        // CompleteMultipartUpload wants the parts in ascending order; they finished in any order.
        _parts.Sort((a, b) => a.PartNumber.GetValueOrDefault().CompareTo(b.PartNumber.GetValueOrDefault()));
        var complete = new CompleteMultipartUploadRequest { BucketName = _bucket, Key = _key, UploadId = _uploadId, PartETags = _parts };
        await _client.CompleteMultipartUploadAsync(complete, cancellationToken).ConfigureAwait(false);
        _finished = true;
    }, cancellationToken);

    public Task DiscardAsync(CancellationToken cancellationToken) => AbortAsync();

    public void Dispose()
    {
        // Dispose is synchronous; the parts are cancelled and the abort is one bounded request.
        if (!_finished) AbortAsync().GetAwaiter().GetResult();
        _sha256?.Dispose();
        ReturnBuffer();
        _abandon.Dispose();
    }

    /// <summary>Cancels the parts in flight and waits for them (an abort racing a part could leave that part behind), then aborts.</summary>
    private async Task AbortAsync()
    {
        if (_finished) return;
        _finished = true;
        _abandon.Cancel();
        foreach (var part in _inFlight)
        {
            try
            {
                await part.ConfigureAwait(false);
            }
            catch (Exception e) when (e is AmazonS3Exception or Amazon.Runtime.AmazonClientException or HttpRequestException or IOException or OperationCanceledException)
            {
                // Cancelled or failed: either way it is over, and the abort frees whatever it stored.
            }
        }
        _inFlight.Clear();
        ReturnBuffer();
        if (_uploadId is not null) await _copier.AbortQuietlyAsync(_key, _uploadId).ConfigureAwait(false);
    }

    private void ReturnBuffer()
    {
        if (_buffer is null) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = null;
        _filled = 0;
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
