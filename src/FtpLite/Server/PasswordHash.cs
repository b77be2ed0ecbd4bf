using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FtpLite.Server;

/// <summary>
/// PBKDF2-HMAC-SHA256 password hashes. Written out by hand because netstandard2.0's Rfc2898DeriveBytes only does SHA-1.
/// </summary>
internal sealed class PasswordHash
{
    private const string Scheme = "pbkdf2-sha256";
    private const int DefaultIterations = 20_000; // A few milliseconds a login: costly to guess offline, cheap enough that logins cannot be turned into a CPU flood.
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly int _iterations;
    private readonly byte[] _salt;
    private readonly byte[] _hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash)
    {
        _iterations = iterations;
        _salt = salt;
        _hash = hash;
    }

    public static PasswordHash Create(string password)
    {
        var salt = new byte[SaltBytes];
        using (var random = RandomNumberGenerator.Create()) random.GetBytes(salt);
        return new PasswordHash(DefaultIterations, salt, Derive(password, salt, DefaultIterations));
    }

    public static PasswordHash Parse(string text)
    {
        var parts = (text ?? string.Empty).Split('$');
        if (parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
            throw new FormatException($"A password hash reads '{Scheme}$iterations$salt$hash'.");
        try
        {
            return new PasswordHash(iterations, Convert.FromBase64String(parts[2]), Convert.FromBase64String(parts[3]));
        }
        catch (FormatException)
        {
            throw new FormatException("The salt and hash of a password hash are base64.");
        }
    }

    public bool Verify(string password)
    {
        var candidate = Derive(password ?? string.Empty, _salt, _iterations);
        // Compare every byte whatever the first difference, so timing tells nothing.
        var difference = candidate.Length ^ _hash.Length;
        for (var i = 0; i < Math.Min(candidate.Length, _hash.Length); i++) difference |= candidate[i] ^ _hash[i];
        return difference == 0;
    }

    public override string ToString() =>
        string.Join("$", Scheme, _iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(_salt), Convert.ToBase64String(_hash));

    // PBKDF2 (RFC 8018 section 5.2) with one output block: 32 bytes is exactly one HMAC-SHA256 block.
    private static byte[] Derive(string password, byte[] salt, int iterations)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(password));
        var block = new byte[salt.Length + 4];
        Buffer.BlockCopy(salt, 0, block, 0, salt.Length);
        block[block.Length - 1] = 1;
        var u = hmac.ComputeHash(block);
        var result = (byte[])u.Clone();
        for (var i = 1; i < iterations; i++)
        {
            u = hmac.ComputeHash(u);
            for (var j = 0; j < HashBytes; j++) result[j] ^= u[j];
        }
        return result;
    }
}
