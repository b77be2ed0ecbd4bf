using Amazon.S3;
using Amazon.S3.Model;

namespace FtpLite.Storage.S3;

/// <summary>
/// Server-side copies: the bytes never leave the object store. One CopyObject up to 5 GiB (S3's limit for it); above,
/// a multipart upload of UploadPartCopy ranges. A copy names the source's ETag, so a source replaced meanwhile fails
/// the copy (412) instead of mixing two versions, except for a source that was itself a multipart upload ("md5-N"):
/// not every S3-compatible store honours those in copy conditions (Swift's s3api compares them with its own manifest
/// ETag and refuses every copy), so there the copy trusts the HEAD just before it.
/// </summary>
internal sealed class S3Copier
{
    /// <summary>S3's smallest part, except the last one of an upload.</summary>
    public const long MinPartSize = 5L * 1024 * 1024;

    /// <summary>The largest single CopyObject (and UploadPartCopy range) S3 accepts.</summary>
    public const long MaxCopySize = 5L * 1024 * 1024 * 1024;

    /// <summary>Range per UploadPartCopy when copying in parts.</summary>
    private const long CopyPartSize = 1024L * 1024 * 1024;

    private readonly IAmazonS3 _client;
    private readonly string _bucket;

    public S3Copier(IAmazonS3 client, string bucket)
    {
        _client = client;
        _bucket = bucket;
    }

    /// <summary>
    /// Copies a whole object. <paramref name="metadata"/> null keeps the source's metadata; otherwise it replaces it
    /// (which is also what lets an object be copied onto itself).
    /// </summary>
    public async Task<string?> CopyAsync(string sourceKey, string etag, long length, string destinationKey, MetadataCollection? metadata, string? contentType, CancellationToken cancellationToken)
    {
        if (length <= MaxCopySize)
        {
            var request = new CopyObjectRequest
            {
                SourceBucket = _bucket,
                SourceKey = sourceKey,
                DestinationBucket = _bucket,
                DestinationKey = destinationKey,
                ETagToMatch = Condition(etag),
                MetadataDirective = metadata is null ? S3MetadataDirective.COPY : S3MetadataDirective.REPLACE,
            };
            if (metadata is not null)
            {
                S3Metadata.CopyInto(metadata, request.Metadata);
                if (contentType is not null) request.ContentType = contentType;
            }
            return (await _client.CopyObjectAsync(request, cancellationToken).ConfigureAwait(false)).ETag;
        }

        var initiate = new InitiateMultipartUploadRequest { BucketName = _bucket, Key = destinationKey, ContentType = contentType };
        if (metadata is null)
        {
            var head = await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = sourceKey, EtagToMatch = etag }, cancellationToken).ConfigureAwait(false);
            metadata = head.Metadata;
        }
        S3Metadata.CopyInto(metadata, initiate.Metadata);
        var uploadId = (await _client.InitiateMultipartUploadAsync(initiate, cancellationToken).ConfigureAwait(false)).UploadId;
        try
        {
            var parts = await CopyPartsAsync(uploadId, destinationKey, sourceKey, etag, length, 1, cancellationToken).ConfigureAwait(false);
            var complete = new CompleteMultipartUploadRequest { BucketName = _bucket, Key = destinationKey, UploadId = uploadId, PartETags = parts };
            return (await _client.CompleteMultipartUploadAsync(complete, cancellationToken).ConfigureAwait(false)).ETag;
        }
        catch
        {
            await AbortQuietlyAsync(destinationKey, uploadId).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Copies bytes [0, <paramref name="length"/>) of a source into an open multipart upload as parts numbered from
    /// <paramref name="firstPart"/>: ranges of 1 GiB, the last one stretched so that no part falls under 5 MiB.
    /// <paramref name="length"/> must be at least <see cref="MinPartSize"/> (or the parts are the upload's last).
    /// </summary>
    public async Task<List<PartETag>> CopyPartsAsync(string uploadId, string destinationKey, string sourceKey, string etag, long length, int firstPart, CancellationToken cancellationToken)
    {
        var parts = new List<PartETag>();
        long start = 0;
        var number = firstPart;
        while (start < length)
        {
            var size = Math.Min(CopyPartSize, length - start);
            if (length - start - size < MinPartSize) size = length - start;
            var request = new CopyPartRequest
            {
                SourceBucket = _bucket,
                SourceKey = sourceKey,
                DestinationBucket = _bucket,
                DestinationKey = destinationKey,
                UploadId = uploadId,
                PartNumber = number,
                FirstByte = start,
                LastByte = start + size - 1,
            };
            if (Condition(etag) is { } condition) request.ETagToMatch = new List<string> { condition };
            var response = await _client.CopyPartAsync(request, cancellationToken).ConfigureAwait(false);
            parts.Add(new PartETag(number, response.ETag));
            number++;
            start += size;
        }
        return parts;
    }

    /// <summary>The ETag to make a copy conditional on (unquoted), or null for a multipart one (see the class summary).</summary>
    private static string? Condition(string etag)
    {
        var bare = etag.Trim('"');
        return bare.IndexOf('-') >= 0 ? null : bare;
    }

    /// <summary>Aborts a multipart upload, its parts freed; a failure here leaves them to the bucket's lifecycle rule.</summary>
    public async Task AbortQuietlyAsync(string key, string uploadId)
    {
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = _bucket, Key = key, UploadId = uploadId }, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AmazonS3Exception or Amazon.Runtime.AmazonClientException or HttpRequestException or IOException or OperationCanceledException)
        {
            // Nothing a client can act on: the old object is whole either way.
        }
    }
}
