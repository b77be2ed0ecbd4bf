using System.Security.Cryptography.X509Certificates;
using FtpLite.Tls;

namespace FtpLite.Tests.Client.Peers;

/// <summary>
/// vsftpd as a strict FTPS server: TLS required for login and data, data connections must resume the control
/// connection's session (require_ssl_reuse, vsftpd's default), uploads must end with close_notify.
/// The certificate is self-signed for <see cref="ServerName"/>, written as PEM for vsftpd.
/// </summary>
public sealed class VsftpdTls
{
    private static readonly Lazy<X509Certificate2> LocalhostCertificate =
        new(() => CertificateFiles.CreateSelfSigned("localhost", TimeSpan.FromDays(2)));

    public VsftpdTls(bool @implicit = false, bool requireReuse = true)
    {
        Implicit = @implicit;
        RequireReuse = requireReuse;
    }

    public bool Implicit { get; }
    public bool RequireReuse { get; }
    public string ServerName => "localhost";
    public X509Certificate2 Certificate => LocalhostCertificate.Value;

    /// <summary>The config lines to append; writes the PEM files into <paramref name="folder"/>.</summary>
    internal string Config(string folder)
    {
        var certificate = Path.Combine(folder, "cert.pem");
        var key = Path.Combine(folder, "key.pem");
        File.WriteAllText(certificate, Certificate.ExportCertificatePem());
        using (var rsa = Certificate.GetRSAPrivateKey() ?? throw new InvalidOperationException("The test certificate has no RSA key."))
            File.WriteAllText(key, rsa.ExportPkcs8PrivateKeyPem());
        return string.Join("\n", new[]
        {
            "ssl_enable=YES",
            Implicit ? "implicit_ssl=YES" : "implicit_ssl=NO",
            $"rsa_cert_file={certificate}",
            $"rsa_private_key_file={key}",
            "allow_anon_ssl=YES",
            "force_anon_logins_ssl=YES",
            "force_anon_data_ssl=YES",
            RequireReuse ? "require_ssl_reuse=YES" : "require_ssl_reuse=NO",
            "strict_ssl_read_eof=YES",
            // 3.0.3's default cipher list (DES-CBC3-SHA) is refused by OpenSSL 3 for TLS 1.2.
            "ssl_ciphers=HIGH",
            "debug_ssl=YES",
            "log_ftp_protocol=YES",
            "xferlog_enable=YES",
            "xferlog_std_format=NO",
            $"vsftpd_log_file={Path.Combine(folder, "vsftpd.log")}",
            "",
        });
    }
}
