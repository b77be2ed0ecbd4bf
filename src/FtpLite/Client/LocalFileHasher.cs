using System.Security.Cryptography;
using System.Text;

namespace FtpLite.Client;

/// <summary>Hashes a local file the way the server hashes the remote one, so the two hex strings can be compared.</summary>
internal static class LocalFileHasher
{
    public static HashAlgorithm Create(FtpHashAlgorithm algorithm) => algorithm switch
    {
        FtpHashAlgorithm.Sha256 => SHA256.Create(),
        FtpHashAlgorithm.Sha1 => SHA1.Create(),
        FtpHashAlgorithm.Md5 => MD5.Create(),
        FtpHashAlgorithm.Crc32 => new Crc32(),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Not a HASH algorithm."),
    };

    public static async Task<string> HashFileAsync(string path, FtpHashAlgorithm algorithm, int bufferSize, CancellationToken cancellationToken)
    {
        using var hash = Create(algorithm);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
        var buffer = new byte[bufferSize];
        int read;
        while ((read = await file.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
            hash.TransformBlock(buffer, 0, read, null, 0);
        hash.TransformFinalBlock(buffer, 0, 0);
        return ToHex(hash.Hash!);
    }

    public static string ToHex(byte[] bytes)
    {
        var text = new StringBuilder(bytes.Length * 2);
        foreach (var b in bytes) text.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        return text.ToString();
    }
}
