using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FtpLite.Server;

/// <summary>
/// PBKDF2-HMAC-SHA256 password hashes: slow to guess offline. A password proven right once is remembered as a keyed
/// hash, so that the same login again costs one HMAC instead of the whole derivation; a wrong password always pays
/// the whole cost.
/// </summary>
internal sealed class PasswordHash
{
    private const string Scheme = "pbkdf2-sha256";
    private const int DefaultIterations = 20_000; // Costly to guess offline; a repeated right login no longer pays it.
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    // Known only to this process, so the remembered tags below are worth nothing outside it.
    private static readonly byte[] ProcessKey = RandomBytes(32);

    private readonly int _iterations;
    private readonly byte[] _salt;
    private readonly byte[] _hash;
    private byte[]? _verified; // HMAC(ProcessKey, salt + password) of the last password proven right; null: none yet.
    private int _derivations;

    private PasswordHash(int iterations, byte[] salt, byte[] hash)
    {
        _iterations = iterations;
        _salt = salt;
        _hash = hash;
    }

    /// <summary>Slow derivations this hash has run to verify passwords (tests read it).</summary>
    internal int Derivations => Volatile.Read(ref _derivations);

    public static PasswordHash Create(string password)
    {
        var salt = RandomBytes(SaltBytes);
        return new PasswordHash(DefaultIterations, salt, Pbkdf2.Derive(password, salt, DefaultIterations, HashBytes));
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
        password ??= string.Empty;
        var tag = Tag(password);
        var known = Volatile.Read(ref _verified);
        if (known is not null && SameBytes(known, tag)) return true;
        // Not known to be right: the whole derivation, also when a tag exists. A quick "no" would tell which accounts
        // logged in lately; an unknown user's decoy never has a tag, so it costs what a wrong password costs.
        Interlocked.Increment(ref _derivations);
        var right = SameBytes(Pbkdf2.Derive(password, _salt, _iterations, HashBytes), _hash);
        if (right) Volatile.Write(ref _verified, tag);
        return right;
    }

    /// <summary>True when <paramref name="password"/> is the one proven right before: what makes <see cref="Verify"/> quick.</summary>
    public bool IsRemembered(string password) =>
        Volatile.Read(ref _verified) is { } known && SameBytes(known, Tag(password ?? string.Empty));

    public override string ToString() =>
        string.Join("$", Scheme, _iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(_salt), Convert.ToBase64String(_hash));

    private byte[] Tag(string password)
    {
        var input = new byte[_salt.Length + Encoding.UTF8.GetByteCount(password)];
        Buffer.BlockCopy(_salt, 0, input, 0, _salt.Length);
        Encoding.UTF8.GetBytes(password, 0, password.Length, input, _salt.Length);
#if NET
        return HMACSHA256.HashData(ProcessKey, input); // One call, no HMAC object to create and dispose per login.
#else
        using var hmac = new HMACSHA256(ProcessKey);
        return hmac.ComputeHash(input);
#endif
    }

    // Every byte is compared whatever the first difference, so timing tells nothing.
    private static bool SameBytes(byte[] a, byte[] b)
    {
        var difference = a.Length ^ b.Length;
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++) difference |= a[i] ^ b[i];
        return difference == 0;
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        using var random = RandomNumberGenerator.Create();
        random.GetBytes(bytes);
        return bytes;
    }
}
