using System.Management.Automation;
using FtpLite.PowerShell.Infrastructure;
using FtpLite.Storage;

namespace FtpLite.PowerShell.Commands;

/// <summary>
/// New-FtpLiteS3Store: an S3 bucket (AWS, or an S3-compatible endpoint) as a store for Start-FtpLiteServer -Store.
/// Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or a profile (-ProfileName, AWS_PROFILE), never from
/// a parameter: a command line is visible to other users of the machine and kept in the history.
/// </summary>
[Cmdlet(VerbsCommon.New, "FtpLiteS3Store")]
[OutputType(typeof(IFileStore))]
public sealed class NewFtpLiteS3StoreCommand : FtpLiteCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Bucket { get; set; } = string.Empty;

    /// <summary>An S3-compatible endpoint such as http://127.0.0.1:9000; AWS itself when not given.</summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? Endpoint { get; set; }

    /// <summary>The signing region; AWS_REGION, else us-east-1, when not given.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Region { get; set; }

    /// <summary>Serves only the keys under this prefix of the bucket.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Prefix { get; set; }

    /// <summary>A profile of the shared credentials file (~/.aws/credentials) whose keys to use.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ProfileName { get; set; }

    protected override void ProcessRecord()
    {
        if (Bucket.Trim().Length == 0 || Bucket.IndexOf('/') >= 0)
            ThrowFtpError($"'{Bucket}' is not a bucket name; give the name alone (the part after s3:// and before the first /) and the rest as -Prefix.",
                ErrorIds.InvalidStoreOption, ErrorCategory.InvalidArgument, Bucket);
        if (Endpoint is not null && (!Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttp && Endpoint.Scheme != Uri.UriSchemeHttps)))
            ThrowFtpError($"-Endpoint '{Endpoint}' is not an http:// or https:// address.", ErrorIds.InvalidStoreOption, ErrorCategory.InvalidArgument, Endpoint);

        try
        {
            S3Assemblies.EnsureLoaded();
        }
        catch (Exception e) when (e is IOException or BadImageFormatException or System.Reflection.TargetInvocationException)
        {
            ThrowFtpError(e, ErrorIds.StoreNotAvailable, Bucket, ErrorCategory.NotInstalled, $"Cannot load the S3 store: {(e.InnerException ?? e).Message}");
        }

        try
        {
            var store = S3StoreMaker.Create(Bucket, Endpoint, Region, Prefix, ProfileName);
            WriteVerbose($"S3 store {store} at {Endpoint?.ToString() ?? "AWS"}.");
            WriteObject(store);
        }
        catch (S3CredentialsMissingException e)
        {
            ThrowFtpError(e, ErrorIds.StoreCredentialsNotFound, Bucket, ErrorCategory.AuthenticationError,
                "No AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or give -ProfileName (or AWS_PROFILE) naming a profile of ~/.aws/credentials.");
        }
        catch (ArgumentException e)
        {
            var category = ProfileName is not null && e.ParamName == "profile" ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidArgument;
            var id = category == ErrorCategory.ObjectNotFound ? ErrorIds.StoreCredentialsNotFound : ErrorIds.InvalidStoreOption;
            ThrowFtpError(e, id, ProfileName ?? Bucket, category, e.Message);
        }
    }
}
