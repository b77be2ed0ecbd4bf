using System.Security.Cryptography.X509Certificates;
using FtpLite.Tls;

namespace FtpLite.Tests.Client.Peers;

/// <summary>
/// The self-signed certificate the stock servers present for FTPS, named "localhost" (.NET resumes TLS sessions only
/// under a host name, and ProFTPD refuses data connections that do not resume), written as PEM files for them.
/// </summary>
public static class PeerTlsFiles
{
    public const string ServerName = "localhost";

    private static readonly Lazy<X509Certificate2> LocalhostCertificate =
        new(() => CertificateFiles.CreateSelfSigned(ServerName, TimeSpan.FromDays(2)));

    public static X509Certificate2 Certificate => LocalhostCertificate.Value;

    public static string Thumbprint => CertificateFiles.Sha256Thumbprint(Certificate);

    /// <summary>Writes cert.pem and key.pem into <paramref name="folder"/> and returns their paths.</summary>
    public static (string Certificate, string Key) WritePem(string folder)
    {
        var certificate = Path.Combine(folder, "cert.pem");
        var key = Path.Combine(folder, "key.pem");
        File.WriteAllText(certificate, Certificate.ExportCertificatePem());
        using (var rsa = Certificate.GetRSAPrivateKey() ?? throw new InvalidOperationException("The test certificate has no RSA key."))
            File.WriteAllText(key, rsa.ExportPkcs8PrivateKeyPem());
        return (certificate, key);
    }

    /// <summary>Client options that pin the certificate and speak explicit FTPS under its name.</summary>
    public static void Apply(FtpLite.Client.FtpClientOptions options)
    {
        options.Encryption = FtpLite.Client.FtpEncryption.Explicit;
        options.TlsServerName = ServerName;
        options.CertificateThumbprint = Thumbprint;
    }
}
