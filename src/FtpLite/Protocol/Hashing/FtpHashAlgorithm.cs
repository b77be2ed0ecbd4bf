using System.Security.Cryptography;

namespace FtpLite.Protocol.Hashing;

/// <summary>The algorithms of the HASH command (draft-bryan-ftpext-hash).</summary>
public enum FtpHashAlgorithm
{
    Sha256,
    Sha1,
    Md5,
    Crc32,
}

public static class FtpHashAlgorithms
{
    /// <summary>All algorithms, in the order FEAT lists them.</summary>
    public static readonly IReadOnlyList<FtpHashAlgorithm> All =
        new[] { FtpHashAlgorithm.Sha256, FtpHashAlgorithm.Sha1, FtpHashAlgorithm.Md5, FtpHashAlgorithm.Crc32 };

    /// <summary>The name on the wire: "SHA-256", "SHA-1", "MD5", "CRC32".</summary>
    public static string WireName(this FtpHashAlgorithm algorithm) => algorithm switch
    {
        FtpHashAlgorithm.Sha256 => "SHA-256",
        FtpHashAlgorithm.Sha1 => "SHA-1",
        FtpHashAlgorithm.Md5 => "MD5",
        FtpHashAlgorithm.Crc32 => "CRC32",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    public static bool TryParse(string name, out FtpHashAlgorithm algorithm)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.WireName(), name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                algorithm = candidate;
                return true;
            }
        }
        algorithm = default;
        return false;
    }

    public static HashAlgorithm Create(this FtpHashAlgorithm algorithm) => algorithm switch
    {
        FtpHashAlgorithm.Sha256 => SHA256.Create(),
        FtpHashAlgorithm.Sha1 => SHA1.Create(),
        FtpHashAlgorithm.Md5 => MD5.Create(),
        FtpHashAlgorithm.Crc32 => new Crc32(),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>Hashes a stream to the end, as lower-case hex.</summary>
    public static async Task<string> ComputeAsync(this FtpHashAlgorithm algorithm, Stream stream, CancellationToken cancellationToken)
    {
        using var hash = algorithm.Create();
        var buffer = new byte[128 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
            hash.TransformBlock(buffer, 0, read, null, 0);
        hash.TransformFinalBlock(buffer, 0, 0);
        return ToHex(hash.Hash!);
    }

    public static string ToHex(byte[] bytes)
    {
        var chars = new char[bytes.Length * 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = HexDigit(bytes[i] >> 4);
            chars[2 * i + 1] = HexDigit(bytes[i] & 0xF);
        }
        return new string(chars);
    }

    private static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'a' + value - 10);
}
