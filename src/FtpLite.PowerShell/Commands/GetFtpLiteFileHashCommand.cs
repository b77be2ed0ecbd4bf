using System.Management.Automation;
using FtpLite.Client;
using FtpLite.PowerShell.Arguments;
using FtpLite.PowerShell.Infrastructure;
using FtpLite.Protocol.Hashing;

namespace FtpLite.PowerShell.Commands;

/// <summary>
/// Get-FtpLiteFileHash: a remote file's hash computed by the server (HASH), without downloading it; compare it with
/// Get-FileHash of a local copy.
/// </summary>
[Cmdlet(VerbsCommon.Get, "FtpLiteFileHash", DefaultParameterSetName = PathSet)]
[OutputType(typeof(FtpLiteFileHash))]
public sealed class GetFtpLiteFileHashCommand : FtpLiteClientCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    /// <summary>Remote files; '*' and '?' in the last segment are wildcards.</summary>
    [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RemotePathCompleter))]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>Remote files taken as they are; binds from listing items' FullName.</summary>
    [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "LP")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RemotePathCompleter))]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>The algorithm; the strongest the server offers when not given.</summary>
    [Parameter]
    [ValidateSet("SHA256", "SHA1", "MD5", "CRC32", IgnoreCase = true)]
    public string? Algorithm { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        var offered = Client.HashAlgorithms;
        var wanted = Algorithm is null ? (FtpHashAlgorithm?)null : Parse(Algorithm);
        if (offered.Count == 0 || (wanted is { } w && !offered.Contains(w)))
        {
            var what = wanted is null ? "HASH" : "HASH with " + Algorithm!.ToUpperInvariant();
            ThrowFtpError($"{Describe(RemotePath.Root)} does not offer {what}; it offers {(offered.Count == 0 ? "no hashes" : string.Join(", ", offered.Select(Name)))}.",
                ErrorIds.HashNotSupported, ErrorCategory.NotImplemented, Algorithm);
        }
    }

    protected override void ProcessRecord()
    {
        var algorithm = Algorithm is null ? Client.HashAlgorithms[0] : Parse(Algorithm);
        var literal = ParameterSetName == LiteralPathSet;
        foreach (var path in literal ? LiteralPath : Path)
        {
            foreach (var item in ExpandRemote(path, literal))
            {
                if (item.IsDirectory)
                {
                    WriteFtpError($"'{item.FullName}' is a folder; only files have hashes.", ErrorIds.RemoteOperationFailed, ErrorCategory.InvalidArgument, item.FullName);
                    continue;
                }
                if (TryRun((_, token) => Client.GetHashAsync(item.FullName, algorithm, token), ErrorIds.RemoteOperationFailed, Describe(item.FullName), $"Hashing '{item.FullName}'", out var hash))
                    WriteObject(new FtpLiteFileHash(Name(algorithm), hash.ToUpperInvariant(), item.FullName));
            }
        }
    }

    private static FtpHashAlgorithm Parse(string name) => name.ToUpperInvariant() switch
    {
        "SHA1" => FtpHashAlgorithm.Sha1,
        "MD5" => FtpHashAlgorithm.Md5,
        "CRC32" => FtpHashAlgorithm.Crc32,
        _ => FtpHashAlgorithm.Sha256,
    };

    private static string Name(FtpHashAlgorithm algorithm) => algorithm.ToString().ToUpperInvariant();
}
