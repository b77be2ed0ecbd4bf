using FtpLite.Protocol.Hashing;

namespace FtpLite.Client;

/// <summary>Hashes a local file the way the server hashes the remote one, so the two hex strings can be compared.</summary>
internal static class LocalFileHasher
{
    public static async Task<string> HashFileAsync(string path, FtpHashAlgorithm algorithm, CancellationToken cancellationToken)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
        return await algorithm.ComputeAsync(file, cancellationToken).ConfigureAwait(false);
    }
}
