using System.Reflection;
using System.Runtime.ExceptionServices;
using Amazon.S3;
using Amazon.S3.Model;

namespace FtpLite.Tests.Storage.S3;

/// <summary>
/// An <see cref="IAmazonS3"/> that passes every call to a real client, except that each UploadPart is held until the
/// upload cancels it and then takes a moment to wind down (as a request on the wire does); it notes how many parts
/// were still running when AbortMultipartUpload was called.
/// </summary>
public class HeldPartsClient : DispatchProxy
{
    private IAmazonS3 _inner = null!;
    private int _running;

    public int Started;

    /// <summary>Parts still running when the abort was sent; -1 while there was no abort.</summary>
    public int RunningAtAbort = -1;

    public static (IAmazonS3 Client, HeldPartsClient Probe) Wrap(IAmazonS3 inner)
    {
        var client = Create<IAmazonS3, HeldPartsClient>();
        var probe = (HeldPartsClient)(object)client;
        probe._inner = inner;
        return (client, probe);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (args is [UploadPartRequest part, CancellationToken token]) return HoldAsync(part, token);
        if (args is [AbortMultipartUploadRequest, ..]) RunningAtAbort = Volatile.Read(ref _running);
        try
        {
            return targetMethod!.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    private async Task<UploadPartResponse> HoldAsync(UploadPartRequest part, CancellationToken token)
    {
        Interlocked.Increment(ref Started);
        Interlocked.Increment(ref _running);
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(2), token);
            return await _inner.UploadPartAsync(part, token); // not reached in the test: the upload is abandoned
        }
        catch (OperationCanceledException)
        {
            await Task.Delay(300, CancellationToken.None);
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}
