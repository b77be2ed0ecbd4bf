using System.Management.Automation;
using System.Net;
using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FtpLite.PowerShell.Infrastructure;
using FtpLite.Tls;

namespace FtpLite.PowerShell.Commands;

/// <summary>
/// New-FtpLiteCertificate: a self-signed certificate for Start-FtpLiteServer -Certificate, for tests and trusted
/// networks; with -Path it is also written as a PFX file (an existing file only with -Force).
/// </summary>
[Cmdlet(VerbsCommon.New, "FtpLiteCertificate", SupportsShouldProcess = true)]
[OutputType(typeof(X509Certificate2))]
public sealed class NewFtpLiteCertificateCommand : FtpLiteCmdlet
{
    /// <summary>The name clients connect to (a host name or an address); it becomes the subject and the alternative name.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string HostName { get; set; } = string.Empty;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    [Parameter]
    [ValidateRange(1, 3650)]
    public int ValidDays { get; set; } = 365;

    /// <summary>Protects the PFX file.</summary>
    [Parameter]
    [ValidateNotNull]
    public SecureString? Password { get; set; }

    /// <summary>Replaces an existing file at -Path.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        string? file = null;
        if (Path is not null)
        {
            file = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (File.Exists(file) && !Force)
            {
                ThrowFtpError($"'{file}' exists; add -Force to replace it.", ErrorIds.TargetExists, ErrorCategory.ResourceExists, file);
            }
            if (!ShouldProcess(file, "Write certificate")) return;
        }

        X509Certificate2 certificate;
        try
        {
            certificate = CertificateFiles.CreateSelfSigned(HostName, TimeSpan.FromDays(ValidDays));
            if (file is not null)
                CertificateFiles.SavePfx(certificate, file, Password is null ? null : new NetworkCredential(string.Empty, Password).Password);
        }
        catch (Exception e) when (e is CryptographicException or PlatformNotSupportedException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            ThrowFtpError(e, ErrorIds.CertificateNotCreated, file ?? HostName, message: $"Cannot create the certificate for '{HostName}': {e.Message}");
            throw; // Not reached.
        }
        if (file is not null) WriteVerbose($"Wrote '{file}'.");
        WriteObject(certificate);
    }
}
