using System.Security.Cryptography.X509Certificates;
using FtpLite.Tls;

namespace FtpLite.Tests.Support;

/// <summary>One self-signed certificate for 127.0.0.1, made once per test run (RSA key generation is slow).</summary>
public static class TestCertificate
{
    private static readonly Lazy<X509Certificate2> Shared = new(() => CertificateFiles.CreateSelfSigned("127.0.0.1", TimeSpan.FromDays(2)));

    public static X509Certificate2 Value => Shared.Value;
}
