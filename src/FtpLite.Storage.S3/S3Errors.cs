using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using FtpLite.Storage;

namespace FtpLite.Storage.S3;

/// <summary>
/// The object store's failures as <see cref="FileStoreException"/>s, whose message a client reads: the S3 error code
/// at most, never the endpoint, bucket or key.
/// </summary>
internal static class S3Errors
{
    public static bool IsNotFound(AmazonS3Exception e) => e.StatusCode == HttpStatusCode.NotFound;

    /// <summary>A precondition (If-Match) failed: the object changed under the operation.</summary>
    public static bool IsChanged(AmazonS3Exception e) => e.StatusCode == HttpStatusCode.PreconditionFailed;

    public static async Task<T> Call<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (Exception e) when (Translate(e, cancellationToken) is FileStoreException translated)
        {
            throw translated;
        }
    }

    public static Task Call(Func<Task> operation, CancellationToken cancellationToken) =>
        Call(async () =>
        {
            await operation().ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>The store error for an SDK failure; null for a cancellation, which stays as it is.</summary>
    public static FileStoreException? Translate(Exception e, CancellationToken cancellationToken)
    {
        if (e is FileStoreException) return null;
        if (e is OperationCanceledException && cancellationToken.IsCancellationRequested) return null;
        return e switch
        {
            AmazonS3Exception s3 when IsNotFound(s3) => new FileStoreException(FileStoreError.NotFound, "No such file or folder.", e),
            AmazonS3Exception s3 when s3.StatusCode == HttpStatusCode.Forbidden =>
                new FileStoreException(FileStoreError.AccessDenied, "The object store refused access (" + s3.ErrorCode + ").", e),
            AmazonS3Exception s3 when IsChanged(s3) =>
                new FileStoreException(FileStoreError.Failed, "The file changed during the operation; try again.", e),
            AmazonS3Exception s3 => new FileStoreException(FileStoreError.Failed, "The object store failed (" + (s3.ErrorCode ?? ((int)s3.StatusCode).ToString()) + ").", e),
            AmazonServiceException or AmazonClientException or HttpRequestException or IOException or OperationCanceledException =>
                new FileStoreException(FileStoreError.Failed, "The object store cannot be reached.", e),
            _ => null,
        };
    }
}
