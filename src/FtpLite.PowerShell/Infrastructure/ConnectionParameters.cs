using System.Globalization;
using System.Management.Automation;
using FtpLite.Client;

namespace FtpLite.PowerShell.Infrastructure;

/// <summary>
/// The one place that turns a cmdlet's connection parameters (-Server, -Port, -Credential, and the FTPS ones:
/// -Encryption, -CertificateThumbprint, -SkipCertificateCheck, -TlsServerName) into the library's
/// <see cref="FtpClientOptions"/>. Connection settings added later (timeouts) belong here, so that Connect-FtpLite
/// and every one-shot client cmdlet learn them at once.
/// </summary>
internal sealed class ConnectionParameters
{
    /// <summary>Standard FTP's port. FtpLite's own server defaults to 8080; its Url (or the server object) carries the port.</summary>
    public const int DefaultPort = 21;

    /// <summary>Implicit FTPS's customary port, for an ftps:// URL or -Encryption Implicit without a port.</summary>
    public const int DefaultImplicitPort = 990;

    public ConnectionParameters(string server, int? port, PSCredential? credential)
    {
        Server = server;
        Port = port;
        Credential = credential;
    }

    /// <summary>-Encryption when given; when not, the URL scheme decides (ftps:// Implicit, ftpes:// Explicit, else None).</summary>
    public FtpEncryption? Encryption { get; set; }

    /// <summary>-CertificateThumbprint: the pinned SHA-256 or SHA-1 thumbprint.</summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>-SkipCertificateCheck: any certificate is accepted, for this connection only.</summary>
    public bool SkipCertificateCheck { get; set; }

    /// <summary>-TlsServerName: the name the certificate must carry (and SNI); the host when not given.</summary>
    public string? TlsServerName { get; set; }

    /// <summary>A host name, an address, "host:port", "[v6]:port" or an ftp://, ftps:// (implicit FTPS) or ftpes:// (explicit) URL.</summary>
    public string Server { get; }

    /// <summary>-Port when given: it wins over a port in <see cref="Server"/>.</summary>
    public int? Port { get; }

    /// <summary>Null for an anonymous login.</summary>
    public PSCredential? Credential { get; }

    /// <summary>Throws <see cref="ArgumentException"/> when the server cannot be read or an option cannot work.</summary>
    public FtpClientOptions ToClientOptions()
    {
        var (host, portInServer) = SplitServer(Server);
        var encryption = EncryptionFor(Server, Encryption);
        var options = new FtpClientOptions(host, Port ?? portInServer ?? (encryption == FtpEncryption.Implicit ? DefaultImplicitPort : DefaultPort))
        {
            Encryption = encryption,
        };
        if (Credential is not null)
        {
            options.UserName = Credential.UserName;
            options.Password = Credential.GetNetworkCredential().Password ?? string.Empty;
        }
        if (encryption == FtpEncryption.None && (CertificateThumbprint is not null || SkipCertificateCheck || TlsServerName is not null))
            throw new ArgumentException("-CertificateThumbprint, -SkipCertificateCheck and -TlsServerName need FTPS: add -Encryption Explicit or Implicit (or give an ftpes:// or ftps:// URL).");
        if (CertificateThumbprint is not null && SkipCertificateCheck)
            throw new ArgumentException("Give -CertificateThumbprint (trust that one certificate) or -SkipCertificateCheck (trust any), not both.");
        options.CertificateThumbprint = CertificateThumbprint;
        options.AcceptAnyCertificate = SkipCertificateCheck;
        options.TlsServerName = TlsServerName;
        options.Validate();
        return options;
    }

    /// <summary>
    /// The encryption asked for: -Encryption, else the scheme (ftps:// is implicit FTPS, as curl and most clients read it;
    /// ftpes:// explicit). A scheme and an -Encryption that contradict each other are refused rather than guessed between.
    /// </summary>
    internal static FtpEncryption EncryptionFor(string server, FtpEncryption? given)
    {
        var text = server.Trim();
        FtpEncryption? byScheme =
            text.StartsWith("ftps://", StringComparison.OrdinalIgnoreCase) ? FtpEncryption.Implicit
            : text.StartsWith("ftpes://", StringComparison.OrdinalIgnoreCase) ? FtpEncryption.Explicit
            : null;
        if (given is null) return byScheme ?? FtpEncryption.None;
        if (byScheme is not null && byScheme != given)
            throw new ArgumentException($"'{server}' asks for {byScheme} FTPS by its scheme, but -Encryption says {given}; give one or make them agree.");
        return given.Value;
    }

    /// <summary>Reads "ftp://host:port/", "host:port", "[::1]:port" or a bare host.</summary>
    internal static (string Host, int? Port) SplitServer(string server)
    {
        var text = server.Trim();
        if (text.StartsWith("ftp://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("ftps://", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("ftpes://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
                throw new ArgumentException($"'{server}' is not a server address or ftp:// URL.");
            if (uri.AbsolutePath.Length > 1)
                throw new ArgumentException($"'{server}' names a path; give the server only, and the path to the cmdlet.");
            var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.Host;
            return (host, uri.IsDefaultPort || uri.Port < 0 ? null : uri.Port);
        }
        if (text.StartsWith("[", StringComparison.Ordinal))
        {
            var close = text.IndexOf(']');
            if (close < 0) throw new ArgumentException($"'{server}' is not a server address: the ']' is missing.");
            var host = text.Substring(1, close - 1);
            var rest = text.Substring(close + 1);
            if (rest.Length == 0) return (host, null);
            if (rest[0] != ':') throw new ArgumentException($"'{server}' is not a server address.");
            return (host, ParsePort(rest.Substring(1), server));
        }
        var colon = text.IndexOf(':');
        // More than one colon without brackets is a bare IPv6 address.
        if (colon < 0 || text.IndexOf(':', colon + 1) >= 0) return (text, null);
        return (text.Substring(0, colon), ParsePort(text.Substring(colon + 1), server));
    }

    private static int ParsePort(string text, string server)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port < 1 || port > 65535)
            throw new ArgumentException($"'{server}' has no port from 1 to 65535 after the colon.");
        return port;
    }
}
