using System.Security.Cryptography;
using System.Text;

namespace FtpLite.Server;

/// <summary>PBKDF2-HMAC-SHA256 (RFC 8018 section 5.2): the platform's where it has one, else written out here.</summary>
internal static class Pbkdf2
{
    private const int BlockBytes = 32; // One HMAC-SHA256 output.

    public static byte[] Derive(string password, byte[] salt, int iterations, int length)
    {
#if NET8_0_OR_GREATER
        // The runtime's native implementation: several times faster than the loop below.
        return Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, length);
#else
        // netstandard2.0's Rfc2898DeriveBytes only does SHA-1.
        if (length != BlockBytes) throw new ArgumentOutOfRangeException(nameof(length), "Only one output block is derived.");
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(password));
        var block = new byte[salt.Length + 4];
        Buffer.BlockCopy(salt, 0, block, 0, salt.Length);
        block[block.Length - 1] = 1;
        var u = hmac.ComputeHash(block);
        var result = (byte[])u.Clone();
        for (var i = 1; i < iterations; i++)
        {
            u = hmac.ComputeHash(u);
            for (var j = 0; j < BlockBytes; j++) result[j] ^= u[j];
        }
        return result;
#endif
    }
}
