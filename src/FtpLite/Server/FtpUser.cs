namespace FtpLite.Server;

/// <summary>A named account: a password hash (never the password), an optional root of its own, and its rights.</summary>
public sealed class FtpUser
{
    private readonly PasswordHash _password;

    private FtpUser(string name, PasswordHash password, string? root, FtpPermissions permissions)
    {
        Name = name;
        _password = password;
        Root = root;
        Permissions = permissions;
    }

    public string Name { get; }

    /// <summary>The folder this account sees as "/", or null for the server's root.</summary>
    public string? Root { get; }

    public FtpPermissions Permissions { get; }

    /// <summary>The stored form of the password, for a user file: "pbkdf2-sha256$iterations$salt$hash".</summary>
    public string PasswordHashText => _password.ToString();

    /// <summary>An account from a clear-text password, which is hashed at once and not kept.</summary>
    public static FtpUser Create(string name, string password, FtpPermissions permissions = FtpPermissions.ReadWrite, string? root = null)
    {
        ValidateName(name);
        if (password is null) throw new ArgumentNullException(nameof(password));
        return new FtpUser(name, PasswordHash.Create(password), root, permissions);
    }

    /// <summary>An account from a stored hash, as <see cref="PasswordHashText"/> wrote it.</summary>
    public static FtpUser FromHash(string name, string passwordHash, FtpPermissions permissions = FtpPermissions.ReadWrite, string? root = null)
    {
        ValidateName(name);
        return new FtpUser(name, PasswordHash.Parse(passwordHash), root, permissions);
    }

    internal bool CheckPassword(string password) => _password.Verify(password);

    /// <summary>True when checking <paramref name="password"/> is quick: it was proven right before (one HMAC, no derivation).</summary>
    internal bool IsRememberedPassword(string password) => _password.IsRemembered(password);

    private static void ValidateName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Any(c => char.IsControl(c) || c == ' '))
            throw new ArgumentException("A user name must be non-empty, without spaces or control characters.", nameof(name));
    }
}
