using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace FtpLite.Client;

/// <summary>
/// Decides whether one handshake's server certificate is acceptable, by the client's options, and remembers why it
/// refused one, so the error can say what was wrong and which thumbprint to pin.
/// </summary>
internal sealed class ServerCertificateCheck
{
    private readonly string? _pin;
    private readonly bool _acceptAny;

    public ServerCertificateCheck(FtpClientOptions options)
    {
        _pin = options.CertificateThumbprint is null ? null : Thumbprints.Normalize(options.CertificateThumbprint);
        _acceptAny = options.AcceptAnyCertificate;
    }

    /// <summary>Why the certificate was refused; null when it was not (or no handshake got that far).</summary>
    public string? Rejection { get; private set; }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            Rejection = "the server sent no certificate";
            return false;
        }
        if (_pin is not null)
        {
            if (Thumbprints.Matches(_pin, certificate)) return true;
            Rejection = $"it is not the pinned one ({Describe(certificate)})";
            return false;
        }
        if (_acceptAny || errors == SslPolicyErrors.None) return true;
        Rejection = $"{Reasons(errors, chain)} ({Describe(certificate)}); if you trust it, pin its thumbprint with CertificateThumbprint";
        return false;
    }

    private static string Describe(X509Certificate certificate) =>
        $"subject '{certificate.Subject}', SHA-256 thumbprint {Thumbprints.Sha256(certificate)}";

    private static string Reasons(SslPolicyErrors errors, X509Chain? chain)
    {
        var reasons = new List<string>();
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) reasons.Add("its name does not match the server name");
        if ((errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0) reasons.Add("no certificate was available");
        if ((errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            var statuses = chain?.ChainStatus.Select(s => s.Status.ToString()).Distinct().ToArray() ?? Array.Empty<string>();
            reasons.Add(statuses.Length == 0 ? "its chain is not trusted" : "its chain is not trusted: " + string.Join(", ", statuses));
        }
        return string.Join("; ", reasons);
    }
}
