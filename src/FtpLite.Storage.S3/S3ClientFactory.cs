using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.S3;

namespace FtpLite.Storage.S3;

/// <summary>
/// S3 clients for AWS or any S3-compatible endpoint. Credentials come from the SDK's usual places only: the
/// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY environment variables, a named profile (~/.aws/credentials), or the
/// rest of its default chain; never from a command line, where other users of the machine could read them.
/// </summary>
public static class S3ClientFactory
{
    /// <param name="endpoint">An S3-compatible endpoint ("http://127.0.0.1:8080"); null for AWS itself.</param>
    /// <param name="region">The signing region; null for the environment's (AWS_REGION) or us-east-1.</param>
    /// <param name="profile">A profile name in the shared credentials file; null for the default chain.</param>
    public static IAmazonS3 Create(Uri? endpoint, string? region, string? profile)
    {
        var config = new AmazonS3Config
        {
            // WhenRequired: the SDK's default flexible checksums (CRC32 trailers in aws-chunked bodies) are not
            // understood by every S3-compatible store; Content-MD5/SHA-256 payload signing still guards the bytes.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        var signingRegion = region ?? Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION");
        if (endpoint is not null)
        {
            // Path-style ("host/bucket/key"): S3-compatible stores rarely have per-bucket host names.
            config.ServiceURL = endpoint.ToString();
            config.ForcePathStyle = true;
            config.AuthenticationRegion = signingRegion ?? "us-east-1";
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(signingRegion ?? "us-east-1");
        }

        if (profile is null) return new AmazonS3Client(config);
        var profiles = new CredentialProfileStoreChain();
        if (!profiles.TryGetAWSCredentials(profile, out var credentials))
            throw new ArgumentException($"There is no AWS profile named '{profile}'.", nameof(profile));
        return new AmazonS3Client(credentials, config);
    }

    /// <summary>A client with explicit keys, for tests and hosts that hold keys themselves.</summary>
    public static IAmazonS3 Create(Uri endpoint, string region, string accessKey, string secretKey)
    {
        var config = new AmazonS3Config
        {
            ServiceURL = endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = region,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        return new AmazonS3Client(new BasicAWSCredentials(accessKey, secretKey), config);
    }
}
