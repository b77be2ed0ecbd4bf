using System.Reflection;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FtpLite.Tls;

/// <summary>
/// Loads server certificates from a PFX (PKCS#12) file or a PEM certificate + key pair, and creates self-signed ones
/// for testing. PEM and creation use runtime APIs newer than netstandard2.0: the net8.0 build calls them directly
/// (trim- and AOT-safe), the netstandard2.0 build finds them by reflection (.NET 5+); on Windows PowerShell 5.1 use a
/// PFX file or the certificate store.
/// </summary>
public static class CertificateFiles
{
    /// <summary>
    /// Loads <paramref name="path"/>: a PFX/P12 file (with <paramref name="password"/>), or a PEM certificate whose key is
    /// in <paramref name="keyPath"/> or in the same file.
    /// </summary>
    public static X509Certificate2 Load(string path, string? keyPath = null, string? password = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"The certificate file '{path}' does not exist.", path);
        if (keyPath is not null && !File.Exists(keyPath)) throw new FileNotFoundException($"The key file '{keyPath}' does not exist.", keyPath);
        X509Certificate2 certificate;
        if (IsPem(path))
        {
#if NET
            certificate = X509Certificate2.CreateFromPemFile(path, keyPath ?? path);
#else
            var createFromPem = typeof(X509Certificate2).GetMethod("CreateFromPemFile", new[] { typeof(string), typeof(string) })
                ?? throw new PlatformNotSupportedException("PEM certificates need .NET 5 or later (PowerShell 7); use a PFX file here.");
            certificate = Invoke<X509Certificate2>(createFromPem, null, path, keyPath ?? path);
#endif
            // A key from PEM is ephemeral; on Windows SslStream wants a persisted one, so round-trip through PKCS#12.
            certificate = new X509Certificate2(certificate.Export(X509ContentType.Pkcs12));
        }
        else
        {
            certificate = new X509Certificate2(path, password, X509KeyStorageFlags.Exportable);
        }
        if (!certificate.HasPrivateKey) throw new ArgumentException($"The certificate in '{path}' has no private key; a server needs one.");
        return certificate;
    }

    /// <summary>A self-signed RSA certificate for <paramref name="hostName"/>, valid from now for <paramref name="validity"/>.</summary>
    public static X509Certificate2 CreateSelfSigned(string hostName, TimeSpan validity)
    {
        if (string.IsNullOrWhiteSpace(hostName)) throw new ArgumentException("A host name is needed.", nameof(hostName));
#if NET
        // Called directly where the API is referenced: no reflection, so trimming and Native AOT keep what it needs.
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + hostName), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        AddServerExtensions(request.CertificateExtensions, hostName);
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var created = request.CreateSelfSigned(now, now + validity);
        return new X509Certificate2(created.Export(X509ContentType.Pkcs12), (string?)null, X509KeyStorageFlags.Exportable);
#else
        // netstandard2.0 does not reference CertificateRequest: found at run time (.NET Framework 4.7.2+, .NET Core 2.0+).
        var requestType = FindType("System.Security.Cryptography.X509Certificates.CertificateRequest")
            ?? throw new PlatformNotSupportedException("Creating certificates needs .NET Framework 4.7.2 or .NET Core 2.0 or later.");
        using var key = RSA.Create();
        key.KeySize = 2048;
        var subject = new X500DistinguishedName("CN=" + hostName);
        var request = Activator.CreateInstance(requestType, subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)!;
        var extensions = (System.Collections.ObjectModel.Collection<X509Extension>)requestType.GetProperty("CertificateExtensions")!.GetValue(request)!;
        AddServerExtensions(extensions, hostName);
        var createSelfSigned = requestType.GetMethod("CreateSelfSigned", new[] { typeof(DateTimeOffset), typeof(DateTimeOffset) })!;
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var created = Invoke<X509Certificate2>(createSelfSigned, request, now, now + validity);
        return new X509Certificate2(created.Export(X509ContentType.Pkcs12), (string?)null, X509KeyStorageFlags.Exportable);
#endif
    }

    // A TLS server certificate's extensions: not a CA, signing/key encipherment, serverAuth, the host as subjectAltName.
    private static void AddServerExtensions(System.Collections.ObjectModel.Collection<X509Extension> extensions, string hostName)
    {
        extensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        extensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        extensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        extensions.Add(SubjectAlternativeName(hostName));
    }

    /// <summary>Writes a certificate with its key as a PFX file.</summary>
    public static void SavePfx(X509Certificate2 certificate, string path, string? password = null) =>
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));

    /// <summary>The SHA-256 thumbprint as upper-case hex, the form pinning compares.</summary>
    public static string Sha256Thumbprint(X509Certificate certificate)
    {
        using var sha = SHA256.Create();
        return BitConverter.ToString(sha.ComputeHash(certificate.GetRawCertData())).Replace("-", string.Empty);
    }

    private static bool IsPem(string path)
    {
        using var reader = new StreamReader(path);
        var buffer = new char[4096];
        var read = reader.Read(buffer, 0, buffer.Length);
        return new string(buffer, 0, read).Contains("-----BEGIN ");
    }

    // subjectAltName with one dNSName, or one iPAddress when the name is an address: DER written by hand (no builder in netstandard2.0).
    private static X509Extension SubjectAlternativeName(string hostName)
    {
        byte[] entry;
        if (System.Net.IPAddress.TryParse(hostName, out var address))
            entry = Der(0x87, address.GetAddressBytes());
        else
            entry = Der(0x82, System.Text.Encoding.ASCII.GetBytes(hostName));
        return new X509Extension(new Oid("2.5.29.17"), Der(0x30, entry), false);
    }

    private static byte[] Der(byte tag, byte[] content)
    {
        var length = content.Length < 128
            ? new[] { (byte)content.Length }
            : content.Length < 256 ? new byte[] { 0x81, (byte)content.Length } : new byte[] { 0x82, (byte)(content.Length >> 8), (byte)content.Length };
        return new[] { tag }.Concat(length).Concat(content).ToArray();
    }

#if !NET
    private static Type? FindType(string name) =>
        typeof(X509Certificate2).Assembly.GetType(name)
        ?? typeof(RSA).Assembly.GetType(name)
        ?? Type.GetType(name + ", System.Core")
        ?? Type.GetType(name + ", System.Security.Cryptography");

    private static T Invoke<T>(MethodInfo method, object? target, params object?[] arguments)
    {
        try
        {
            return (T)method.Invoke(target, arguments)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
#endif
}
