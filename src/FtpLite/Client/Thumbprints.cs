using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FtpLite.Client;

/// <summary>Certificate thumbprints as users write them ("AB:CD …", "ab cd …") and as pinning compares them.</summary>
internal static class Thumbprints
{
    /// <summary>Upper-case hex without separators, or null unless it is 40 (SHA-1) or 64 (SHA-256) hex digits.</summary>
    public static string? Normalize(string text)
    {
        var hex = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is ':' or ' ' or '-' or '\t') continue;
            if (!Uri.IsHexDigit(c)) return null;
            hex.Append(char.ToUpperInvariant(c));
        }
        return hex.Length is 40 or 64 ? hex.ToString() : null;
    }

    public static string Sha256(X509Certificate certificate) => Tls.CertificateFiles.Sha256Thumbprint(certificate);

    public static string Sha1(X509Certificate certificate)
    {
        using var sha = SHA1.Create();
        return BitConverter.ToString(sha.ComputeHash(certificate.GetRawCertData())).Replace("-", string.Empty);
    }

    /// <summary>True when <paramref name="pin"/> (normalized) is the certificate's SHA-256 or SHA-1 thumbprint.</summary>
    public static bool Matches(string pin, X509Certificate certificate) =>
        string.Equals(pin, pin.Length == 64 ? Sha256(certificate) : Sha1(certificate), StringComparison.Ordinal);
}
