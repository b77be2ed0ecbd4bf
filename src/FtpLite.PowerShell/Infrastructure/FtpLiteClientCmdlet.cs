using System.Management.Automation;
using FtpLite.Client;
using FtpLite.PowerShell.Arguments;

namespace FtpLite.PowerShell.Infrastructure;

/// <summary>
/// Base of the client cmdlets: the connection parameters they share (-Session, or -Server/-Port/-Credential for a
/// one-shot connection, or else the default session of Connect-FtpLite), the connected client, and remote paths.
/// </summary>
public abstract partial class FtpLiteClientCmdlet : FtpLiteCmdlet
{
    private FtpClient? _oneShot;
    private FtpClient? _client;

    private protected FtpLiteClientCmdlet()
    {
    }

    /// <summary>A session from Connect-FtpLite; the default session when neither this nor -Server is given.</summary>
    [Parameter]
    [ValidateNotNull]
    public FtpLiteSession? Session { get; set; }

    /// <summary>Connects for this command only: a host, "host:port", an ftp:// URL, or a server object from Start-FtpLiteServer.</summary>
    [Parameter]
    [ServerTransformation]
    [ValidateNotNullOrEmpty]
    public string? Server { get; set; }

    [Parameter]
    [ValidateRange(1, 65535)]
    public int Port { get; set; }

    /// <summary>The account for -Server; anonymous when not given.</summary>
    [Parameter]
    [Credential]
    [ValidateNotNull]
    public PSCredential? Credential { get; set; }

    /// <summary>FTPS for -Server: None, Explicit (AUTH TLS) or Implicit (TLS from the first byte); by default what the URL's scheme says.</summary>
    [Parameter]
    public FtpEncryption Encryption { get; set; }

    /// <summary>Trusts exactly the certificate with this SHA-256 (or SHA-1) thumbprint, self-signed or not.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CertificateThumbprint { get; set; }

    /// <summary>DANGEROUS: accepts any certificate, for this connection only (a warning says so).</summary>
    [Parameter]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>The name the server's certificate must carry, and the TLS session cache key; -Server's host when not given.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TlsServerName { get; set; }

    /// <summary>The connected client; set in <see cref="BeginProcessing"/>.</summary>
    private protected FtpClient Client => _client ?? throw new InvalidOperationException("BeginProcessing has not connected.");

    protected override void BeginProcessing()
    {
        var bound = MyInvocation.BoundParameters;
        if (Session is not null && Server is not null)
            ThrowFtpError("Give -Session or -Server, not both.", ErrorIds.InvalidConnectionOption, ErrorCategory.InvalidArgument, Server);
        if (Server is null && (bound.ContainsKey(nameof(Port)) || Credential is not null || bound.ContainsKey(nameof(Encryption))
                || CertificateThumbprint is not null || SkipCertificateCheck.IsPresent || TlsServerName is not null))
            ThrowFtpError("-Port, -Credential and the FTPS parameters go with -Server (or with Connect-FtpLite).", ErrorIds.InvalidConnectionOption, ErrorCategory.InvalidArgument, null);

        if (Server is not null)
        {
            _oneShot = ConnectClient(new ConnectionParameters(Server, bound.ContainsKey(nameof(Port)) ? Port : null, Credential)
            {
                Encryption = bound.ContainsKey(nameof(Encryption)) ? Encryption : null,
                CertificateThumbprint = CertificateThumbprint,
                SkipCertificateCheck = SkipCertificateCheck,
                TlsServerName = TlsServerName,
            });
            _client = _oneShot;
            return;
        }

        var session = Session ?? SessionRegistry.Default;
        if (session is null)
            ThrowFtpError("There is no FtpLite session: connect first with Connect-FtpLite, or give -Server.",
                ErrorIds.SessionNotFound, ErrorCategory.ObjectNotFound, null);
        if (!session.IsConnected)
            ThrowFtpError($"The session to {session.Url} is closed; connect again with Connect-FtpLite.",
                ErrorIds.SessionClosed, ErrorCategory.ConnectionError, session);
        _client = session.Client;
    }

    /// <summary>Says goodbye on a one-shot connection; a session stays open for the next command.</summary>
    protected override void EndProcessing()
    {
        var client = _oneShot;
        if (client is null) return;
        _oneShot = null;
        try
        {
            RunAsync((_, token) => client.DisconnectAsync(token));
        }
        catch (FtpException)
        {
            // Closed either way.
        }
    }

    private protected override void OnDisposing() => _oneShot?.Dispose();

    /// <summary>An absolute remote path, resolved against the working directory.</summary>
    private protected string Resolve(string remotePath) => RemotePath.Resolve(Client.WorkingDirectory, remotePath);

    /// <summary>A remote path as a URL, for ShouldProcess and messages.</summary>
    private protected string Describe(string remotePath)
    {
        var options = Client.Options;
        var host = options.Host.IndexOf(':') >= 0 ? "[" + options.Host + "]" : options.Host;
        return $"ftp://{host}:{options.Port}{Resolve(remotePath)}";
    }

    /// <summary>Runs a library call; a failure becomes a non-terminating error and false, so a batch goes on with the next item.</summary>
    private protected bool TryRun<T>(Func<PipelineMessages, CancellationToken, Task<T>> operation, string fallbackErrorId, object target, string what, out T result)
    {
        try
        {
            result = RunAsync(operation);
            return true;
        }
        catch (Exception e) when (e is FtpException or IOException or UnauthorizedAccessException or TimeoutException or System.Net.Sockets.SocketException)
        {
            var inner = ErrorMapping.Unwrap(e);
            WriteFtpError(inner, ErrorMapping.IdOf(inner, fallbackErrorId), target, message: $"{what} failed: {Advice(inner, target)}");
            result = default!;
            return false;
        }
    }

    /// <summary>
    /// The library's message, except where a PowerShell user needs other advice: "exists; ask to overwrite or to
    /// resume" names no parameter, so a refused existing target names the command's own -Force and -Resume.
    /// </summary>
    private string Advice(Exception error, object target)
    {
        if (error is not FtpException { Kind: FtpErrorKind.AlreadyExists }) return error.Message;
        var parameters = MyInvocation.MyCommand.Parameters;
        if (!parameters.ContainsKey("Force")) return error.Message;
        return parameters.ContainsKey("Resume")
            ? $"'{target}' exists. Add -Force to replace it, or -Resume to finish a partial copy."
            : $"'{target}' exists. Add -Force to replace it.";
    }

    /// <inheritdoc cref="TryRun{T}"/>
    private protected bool TryRun(Func<PipelineMessages, CancellationToken, Task> operation, string fallbackErrorId, object target, string what) =>
        TryRun(async (m, t) =>
        {
            await operation(m, t).ConfigureAwait(false);
            return true;
        }, fallbackErrorId, target, what, out _);
}
