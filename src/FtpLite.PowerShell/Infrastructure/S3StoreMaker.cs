using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using FtpLite.Storage;
using FtpLite.Storage.S3;

namespace FtpLite.PowerShell.Infrastructure;

/// <summary>
/// The one place the cmdlets touch AWS SDK types. Kept apart from the cmdlet so that the SDK loads only when this runs
/// (after <see cref="S3Assemblies.EnsureLoaded"/>), and it answers with our own exceptions, never the SDK's, so no
/// caller's catch clause names an SDK type either.
/// </summary>
internal static class S3StoreMaker
{
    /// <exception cref="ArgumentException">An unknown profile.</exception>
    /// <exception cref="S3CredentialsMissingException">No keys in the environment or the default profile chain.</exception>
    public static IFileStore Create(string bucket, Uri? endpoint, string? region, string? prefix, string? profile)
    {
        // The SDK finds keys only when it signs the first request; a store that cannot log in should fail here, where
        // the user made it, not at a client's first command. A named profile is checked by the factory itself.
        if (profile is null) RequireDefaultCredentials();
        var client = S3ClientFactory.Create(endpoint, region, profile);
        return new S3FileStore(client, bucket, prefix);
    }

    private static void RequireDefaultCredentials()
    {
        using var resolver = new DefaultAWSCredentialsIdentityResolver();
        try
        {
            _ = resolver.ResolveIdentity(new Amazon.S3.AmazonS3Config());
        }
        catch (AmazonClientException e)
        {
            throw new S3CredentialsMissingException(e.Message);
        }
    }
}

/// <summary>The AWS SDK found no credentials (the message is the SDK's account of where it looked).</summary>
internal sealed class S3CredentialsMissingException : Exception
{
    public S3CredentialsMissingException(string message)
        : base(message)
    {
    }
}
