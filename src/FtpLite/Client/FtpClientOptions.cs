using System.Security.Authentication;

namespace FtpLite.Client;

/// <summary>Where to connect and how patient to be. Defaults log in anonymously on port 21.</summary>
public sealed class FtpClientOptions
{
    public const string AnonymousUser = "anonymous";

    public FtpClientOptions() { }

    public FtpClientOptions(string host, int port = 21)
    {
        Host = host;
        Port = port;
    }

    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 21;

    public string UserName { get; set; } = AnonymousUser;

    /// <summary>The password; for anonymous logins, by custom, an e-mail-like string.</summary>
    public string Password { get; set; } = "anonymous@";

    public FtpDataMode DataMode { get; set; } = FtpDataMode.Auto;

    /// <summary>How long the control connection (and each data connection) may take to connect, and each TLS handshake.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long to wait for one reply.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a data transfer may move no byte before it is given up.</summary>
    public TimeSpan DataTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest reply line accepted; a longer one means the other side is not an FTP server.</summary>
    public int MaxReplyLineLength { get; set; } = 16 * 1024;

    /// <summary>Copy buffer for data connections.</summary>
    public int BufferSize { get; set; } = 256 * 1024;

    /// <summary>
    /// FTPS: <see cref="FtpEncryption.Explicit"/> (AUTH TLS on the usual port) or <see cref="FtpEncryption.Implicit"/>
    /// (TLS from the first byte; set <see cref="Port"/>, usually 990). The server's certificate is validated against
    /// <see cref="TlsServerName"/> unless <see cref="CertificateThumbprint"/> or <see cref="AcceptAnyCertificate"/> says otherwise.
    /// </summary>
    public FtpEncryption Encryption { get; set; } = FtpEncryption.None;

    /// <summary>
    /// The name the server's certificate must carry, also sent as SNI; null means <see cref="Host"/>.
    /// Set it when <see cref="Host"/> is an IP address: .NET on Linux resumes TLS sessions only under a host name,
    /// and servers that demand resumption on data connections (vsftpd's require_ssl_reuse, its default) refuse
    /// every transfer without it.
    /// </summary>
    public string? TlsServerName { get; set; }

    /// <summary>
    /// Pins the server's certificate: its SHA-256 (64 hex digits) or SHA-1 (40) thumbprint, in any case, with or without
    /// colons or spaces. When set, the certificate is accepted if and only if it matches (a self-signed one too);
    /// name and chain are not checked. A rejected certificate's error message shows its SHA-256 thumbprint.
    /// </summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>
    /// DANGEROUS: accepts any certificate from the server, so anyone between client and server can read and change
    /// everything, password included. For tests and throw-away setups only; prefer <see cref="CertificateThumbprint"/>.
    /// Affects this client only, nothing process-wide.
    /// </summary>
    public bool AcceptAnyCertificate { get; set; }

    /// <summary>
    /// The TLS versions the client offers, on the control and every data connection alike (a data connection resumes
    /// the control connection's session, so they must agree). TLS 1.2 by default: a TLS 1.3 session resumes once,
    /// and a server hands out the next only when it writes, which it never does on an upload's data connection. Against
    /// a server that insists on resumption (ProFTPD, vsftpd) every transfer after an upload was refused. TLS 1.2
    /// sessions resume any number of times, and every FTPS server speaks it. Add TLS 1.3 (12288) where a server
    /// requires it and does not insist on resumption.
    /// </summary>
    public SslProtocols TlsProtocols { get; set; } = SslProtocols.Tls12;

    /// <summary>The server name certificates are checked against: <see cref="TlsServerName"/>, else <see cref="Host"/>.</summary>
    internal string TlsTargetHost => string.IsNullOrWhiteSpace(TlsServerName) ? Host : TlsServerName!;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option that cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host)) throw new ArgumentException("Host must name a server.", nameof(Host));
        if (Port < 1 || Port > 65535) throw new ArgumentException("Port must be 1 to 65535.", nameof(Port));
        if (UserName is null || UserName.Length == 0) throw new ArgumentException("UserName must not be empty.", nameof(UserName));
        if (Password is null) throw new ArgumentException("Password must not be null (use an empty string).", nameof(Password));
        if (ConnectTimeout <= TimeSpan.Zero || CommandTimeout <= TimeSpan.Zero || DataTimeout <= TimeSpan.Zero)
            throw new ArgumentException("Timeouts must be positive.", nameof(CommandTimeout));
        if (MaxReplyLineLength < 512) throw new ArgumentException("MaxReplyLineLength must be at least 512.", nameof(MaxReplyLineLength));
        if (BufferSize < 4096) throw new ArgumentException("BufferSize must be at least 4096.", nameof(BufferSize));
        if (ContainsLineBreak(Host) || ContainsLineBreak(UserName) || ContainsLineBreak(Password))
            throw new ArgumentException("Host, UserName and Password cannot contain line breaks.", nameof(UserName));
        ValidateTls();
    }

    private void ValidateTls()
    {
        if (!Enum.IsDefined(typeof(FtpEncryption), Encryption)) throw new ArgumentException("Encryption must be None, Explicit or Implicit.", nameof(Encryption));
        var usesTlsOptions = CertificateThumbprint is not null || AcceptAnyCertificate || TlsServerName is not null;
        if (Encryption == FtpEncryption.None && usesTlsOptions)
            throw new ArgumentException("TlsServerName, CertificateThumbprint and AcceptAnyCertificate need Encryption Explicit or Implicit.", nameof(Encryption));
        if (CertificateThumbprint is not null && AcceptAnyCertificate)
            throw new ArgumentException("Pin a thumbprint or accept any certificate, not both.", nameof(AcceptAnyCertificate));
        if (CertificateThumbprint is not null && Thumbprints.Normalize(CertificateThumbprint) is null)
            throw new ArgumentException("CertificateThumbprint must be a SHA-256 (64 hex digits) or SHA-1 (40) thumbprint.", nameof(CertificateThumbprint));
        if (TlsProtocols == SslProtocols.None || (TlsProtocols & ~(SslProtocols.Tls12 | Tls13)) != 0)
            throw new ArgumentException("TlsProtocols must be TLS 1.2, TLS 1.3 (12288) or both.", nameof(TlsProtocols));
        if (TlsServerName is not null && (TlsServerName.Trim().Length == 0 || ContainsLineBreak(TlsServerName)))
            throw new ArgumentException("TlsServerName must be a host name.", nameof(TlsServerName));
    }

    /// <summary>TLS 1.3, spelled as its number: netstandard2.0's enum predates it.</summary>
    private const SslProtocols Tls13 = (SslProtocols)12288;

    internal static bool ContainsLineBreak(string text) => text.IndexOf('\r') >= 0 || text.IndexOf('\n') >= 0;
}
