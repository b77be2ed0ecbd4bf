using System.Management.Automation;
using FtpLite.Client;
using FtpLite.PowerShell.Arguments;
using FtpLite.PowerShell.Infrastructure;

namespace FtpLite.PowerShell.Commands;

/// <summary>
/// Connect-FtpLite: connects and logs in, and returns the session, which becomes the default for the client cmdlets
/// of this PowerShell session until another Connect or Disconnect-FtpLite.
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "FtpLite")]
[OutputType(typeof(FtpLiteSession))]
public sealed class ConnectFtpLiteCommand : FtpLiteCmdlet
{
    /// <summary>A host, "host:port", an ftp:// URL, or a server object from Start-FtpLiteServer.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ServerTransformation]
    [ValidateNotNullOrEmpty]
    public string Server { get; set; } = string.Empty;

    /// <summary>Wins over a port in -Server; 21 when neither says.</summary>
    [Parameter]
    [ValidateRange(1, 65535)]
    public int Port { get; set; }

    /// <summary>Anonymous when not given.</summary>
    [Parameter]
    [Credential]
    [ValidateNotNull]
    public PSCredential? Credential { get; set; }

    /// <summary>FTPS: None, Explicit (AUTH TLS) or Implicit (TLS from the first byte); by default what the URL's scheme says.</summary>
    [Parameter]
    public FtpEncryption Encryption { get; set; }

    /// <summary>Trusts exactly the certificate with this SHA-256 (or SHA-1) thumbprint, self-signed or not.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CertificateThumbprint { get; set; }

    /// <summary>DANGEROUS: accepts any certificate, for this session only (a warning says so).</summary>
    [Parameter]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>The name the server's certificate must carry, and the TLS session cache key; -Server's host when not given.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TlsServerName { get; set; }

    protected override void ProcessRecord()
    {
        var bound = MyInvocation.BoundParameters;
        var port = bound.ContainsKey(nameof(Port)) ? Port : (int?)null;
        var client = ConnectClient(new ConnectionParameters(Server, port, Credential)
        {
            Encryption = bound.ContainsKey(nameof(Encryption)) ? Encryption : null,
            CertificateThumbprint = CertificateThumbprint,
            SkipCertificateCheck = SkipCertificateCheck,
            TlsServerName = TlsServerName,
        });
        var session = SessionRegistry.Add(client);
        WriteVerbose($"Connected to {session.Url} as '{session.UserName}'; this is now the default session.");
        WriteObject(session);
    }
}
