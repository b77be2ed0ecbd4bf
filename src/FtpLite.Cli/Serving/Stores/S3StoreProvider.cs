using FtpLite.Cli.CommandLine;
using FtpLite.Server;
using FtpLite.Storage;
using FtpLite.Storage.S3;

namespace FtpLite.Cli.Serving.Stores;

/// <summary>
/// "--store s3": a bucket of AWS S3 or of an S3-compatible store (--endpoint). Credentials come from the environment
/// (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) or --profile, never from an option that names a key.
/// </summary>
internal sealed class S3StoreProvider : IStoreProvider
{
    public static readonly OptionSpec Bucket = new("--bucket", "NAME", "the S3 bucket to serve (--store s3)");
    public static readonly OptionSpec Endpoint = new("--endpoint", "URL", "an S3-compatible endpoint, e.g. http://127.0.0.1:9000 (default: AWS)");
    public static readonly OptionSpec Region = new("--region", "REGION", "the signing region (default: AWS_REGION, else us-east-1)");
    public static readonly OptionSpec Prefix = new("--prefix", "KEYS", "serve only the keys under this prefix of the bucket");
    public static readonly OptionSpec Profile = new("--profile", "NAME", "the AWS profile whose keys to use (default: the AWS_* variables)");

    public string Name => "s3";

    public string Summary => "an S3 bucket (--bucket, --endpoint, --region)";

    public IReadOnlyList<OptionSpec> Options { get; } = new[] { Bucket, Endpoint, Region, Prefix, Profile };

    public IFileStore? Create(ParsedArguments args, Commands.CommandContext context, FtpServerOptions options)
    {
        var bucket = args.GetString(Bucket.Name);
        if (string.IsNullOrWhiteSpace(bucket)) throw new UsageException("--store s3 needs --bucket NAME");
        Uri? endpoint = null;
        var endpointText = args.GetString(Endpoint.Name);
        if (endpointText is not null
            && (!Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)))
            throw new UsageException($"--endpoint '{endpointText}' is not an http:// or https:// address");
        var region = args.GetString(Region.Name);
        if (region is { Length: 0 }) throw new UsageException("--region needs a region name");
        try
        {
            var client = S3ClientFactory.Create(endpoint, region, args.GetString(Profile.Name));
            return new S3FileStore(client, bucket!, args.GetString(Prefix.Name));
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
