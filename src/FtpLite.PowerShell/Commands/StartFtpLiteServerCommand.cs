using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FtpLite.PowerShell.Arguments;
using FtpLite.PowerShell.Infrastructure;
using FtpLite.Server;
using FtpLite.Storage;
using FtpLite.Tls;

namespace FtpLite.PowerShell.Commands;

/// <summary>
/// Start-FtpLiteServer: serves a folder (or a given store) over FTP and returns the running server, which keeps running in the
/// background of the session (or, with -Wait, until Ctrl+C).
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "FtpLiteServer")]
[OutputType(typeof(FtpLiteServer))]
public sealed class StartFtpLiteServerCommand : FtpLiteCmdlet
{
    private const int DefaultPort = 8080;

    /// <summary>The folder to serve; the current file-system location when not given.</summary>
    [Parameter(Position = 0)]
    [Alias("PSPath", "LiteralPath")]
    [ValidateNotNullOrEmpty]
    public string? Root { get; set; }

    [Parameter]
    [ValidateRange(0, 65535)]
    public int Port { get; set; } = DefaultPort;

    [Parameter]
    [ValidateNotNull]
    public IPAddress ListenAddress { get; set; } = IPAddress.Loopback;

    /// <summary>Accounts that may log in; each password is hashed at once and not kept.</summary>
    [Parameter]
    [ValidateNotNull]
    public PSCredential[]? Credential { get; set; }

    /// <summary>Lets "anonymous" log in, read-only, besides any account.</summary>
    [Parameter]
    public SwitchParameter AllowAnonymous { get; set; }

    /// <summary>Lets "anonymous" log in and upload, rename and delete. Beyond loopback it needs -Force as well.</summary>
    [Parameter]
    public SwitchParameter AllowAnonymousWrite { get; set; }

    /// <summary>Nobody may change anything: accounts and anonymous sessions only list and download.</summary>
    [Parameter]
    public SwitchParameter ReadOnly { get; set; }

    /// <summary>"50000-50100", 50000, 50100 or 50000..50100.</summary>
    [Parameter]
    [PortRangeTransformation]
    [ValidateNotNullOrEmpty]
    public int[]? PassivePortRange { get; set; }

    /// <summary>The address PASV announces, for a server behind NAT.</summary>
    [Parameter]
    [ValidateNotNull]
    public IPAddress? PassiveAddress { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int MaxSessions { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int MaxSessionsPerAddress { get; set; }

    /// <summary>A number is read as seconds; a TimeSpan as itself.</summary>
    [Parameter]
    [SecondsTransformation]
    public TimeSpan IdleTimeout { get; set; }

    /// <summary>A friendly name for Get-/Stop-FtpLiteServer; "FtpLite" and the server's id when not given.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>
    /// Blocks until Ctrl+C, showing the server's activity (information records, shown by default; -InformationAction
    /// SilentlyContinue keeps them quiet), then stops the server.
    /// </summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>The certificate (with its private key) for FTPS, e.g. from Cert:\CurrentUser\My on Windows.</summary>
    [Parameter]
    [ValidateNotNull]
    public X509Certificate2? Certificate { get; set; }

    /// <summary>A PFX file, or a PEM certificate with its key in the same file or in -CertificateKeyPath.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CertificatePath { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CertificateKeyPath { get; set; }

    /// <summary>The PFX file's password.</summary>
    [Parameter]
    [ValidateNotNull]
    public SecureString? CertificatePassword { get; set; }

    /// <summary>Refuses logins and data connections without TLS.</summary>
    [Parameter]
    public SwitchParameter RequireTls { get; set; }

    /// <summary>Also listens for implicit FTPS (TLS from the first byte, customarily 990); 0 picks a free port.</summary>
    [Parameter]
    [ValidateRange(0, 65535)]
    public int ImplicitTlsPort { get; set; }

    /// <summary>Allows anonymous write access on an address beyond loopback.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>
    /// The storage to serve instead of a folder (FtpServerOptions.Store): every account sees it. A storage module's
    /// cmdlet makes one; not with -Root.
    /// </summary>
    [Parameter]
    [ValidateNotNull]
    public IFileStore? Store { get; set; }

    protected override void ProcessRecord()
    {
        if (Store is not null && Root is not null) InvalidOption("Give -Root (a folder) or -Store (another storage), not both.");
        var options = BuildOptions(Store is null ? ResolveRoot() : null);
        FtpServer library;
        try
        {
            library = new FtpServer(options);
        }
        catch (ArgumentException e)
        {
            ThrowFtpError(e, ErrorIds.InvalidServerOption, options, ErrorCategory.InvalidArgument, e.Message);
            throw; // Not reached: ThrowFtpError ends the cmdlet.
        }

        // With -Wait the activity log is subscribed before the start, so that its first line is the start itself.
        using var messages = Wait ? new PipelineMessages() : null;
        EventHandler<FtpServerEventArgs>? forward = null;
        if (messages is not null)
        {
            // A server blocking the console shows what it does, as "ftplite serve" does: tagged PSHOST, the activity is
            // shown like Write-Host's output although $InformationPreference is SilentlyContinue by default. An explicit
            // -InformationAction (SilentlyContinue to keep it quiet) takes over.
            var tags = IsBound("InformationAction") ? new[] { "FtpLite", "" } : new[] { "FtpLite", "", HostTag };
            forward = (_, e) => messages.WriteInformation(e, WithKind(tags, e));
            library.Activity += forward;
        }

        try
        {
            var server = Start(library);
            WriteVerbose($"Serving '{server.Root}' at {server.Url} as '{server.Name}' (id {server.Id}).");
            if (server.ImplicitTlsPort is { } implicitPort) WriteVerbose($"Implicit FTPS on port {implicitPort}.");
            WriteObject(server);
            if (messages is not null) WaitUntilStopped(server, messages);
        }
        finally
        {
            if (forward is not null) library.Activity -= forward;
        }
    }

    private string ResolveRoot()
    {
        if (Root is null) return SessionState.Path.CurrentFileSystemLocation.ProviderPath;

        string path;
        ProviderInfo provider;
        try
        {
            path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Root, out provider, out _);
        }
        catch (Exception e) when (e is ItemNotFoundException or System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or NotSupportedException)
        {
            ThrowFtpError(e, ErrorIds.RootNotFound, Root, ErrorCategory.ObjectNotFound, $"Cannot serve '{Root}': {e.Message}");
            throw; // Not reached.
        }
        if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
            ThrowFtpError($"Cannot serve '{Root}': it is not a file-system folder.", ErrorIds.RootNotFound, ErrorCategory.ObjectNotFound, Root);
        if (!Directory.Exists(path))
            ThrowFtpError($"Cannot serve '{path}': the folder does not exist.", ErrorIds.RootNotFound, ErrorCategory.ObjectNotFound, path);
        return path;
    }

    private FtpServerOptions BuildOptions(string? root)
    {
        var options = new FtpServerOptions { Port = Port, ListenAddress = ListenAddress, Store = Store };
        if (root is not null) options.Root = root;

        if (ReadOnly && AllowAnonymousWrite) InvalidOption("-ReadOnly and -AllowAnonymousWrite contradict each other; give one.");
        if (AllowAnonymousWrite && !IPAddress.IsLoopback(ListenAddress) && !Force)
            InvalidOption($"Anonymous write access on {ListenAddress}, beyond loopback, lets anyone who reaches it change the files; add -Force if that is meant.");

        // Left unset, the library's quick start applies: no account on loopback means anonymous read-write.
        if (AllowAnonymous || AllowAnonymousWrite) options.AllowAnonymous = true;
        if (AllowAnonymousWrite)
        {
            options.AnonymousWrite = true;
            options.AllowAnonymousWriteOnNetwork = Force;
        }
        else if (ReadOnly || AllowAnonymous)
        {
            options.AnonymousWrite = false;
        }

        var permissions = ReadOnly ? FtpPermissions.Read : FtpPermissions.ReadWrite;
        foreach (var credential in Credential ?? Array.Empty<PSCredential>())
        {
            try
            {
                options.Users.Add(FtpUser.Create(credential.UserName, credential.GetNetworkCredential().Password, permissions));
            }
            catch (ArgumentException e)
            {
                ThrowFtpError(e, ErrorIds.InvalidServerOption, credential.UserName, ErrorCategory.InvalidArgument, e.Message);
            }
        }

        if (PassivePortRange is not null) (options.PassivePortMin, options.PassivePortMax) = ReadPortRange(PassivePortRange);
        if (PassiveAddress is not null) options.PassiveAddress = PassiveAddress;
        if (IsBound(nameof(MaxSessions))) options.MaxSessions = MaxSessions;
        if (IsBound(nameof(MaxSessionsPerAddress))) options.MaxSessionsPerAddress = MaxSessionsPerAddress;
        if (IsBound(nameof(IdleTimeout))) options.IdleTimeout = IdleTimeout;

        // A missing certificate for -RequireTls or -ImplicitTlsPort is caught by the library's validation (InvalidServerOption).
        options.Certificate = LoadCertificate();
        options.RequireTls = RequireTls;
        if (IsBound(nameof(ImplicitTlsPort))) options.ImplicitTlsPort = ImplicitTlsPort;
        return options;
    }

    private X509Certificate2? LoadCertificate()
    {
        if (Certificate is not null && CertificatePath is not null) InvalidOption("Give -Certificate or -CertificatePath, not both.");
        if (CertificatePath is null)
        {
            if (CertificateKeyPath is not null || CertificatePassword is not null) InvalidOption("-CertificateKeyPath and -CertificatePassword go with -CertificatePath.");
            return Certificate;
        }

        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(CertificatePath);
        var keyPath = CertificateKeyPath is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(CertificateKeyPath);
        var password = CertificatePassword is null ? null : new NetworkCredential(string.Empty, CertificatePassword).Password;
        try
        {
            return CertificateFiles.Load(path, keyPath, password);
        }
        catch (Exception e) when (e is IOException or CryptographicException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            var category = e switch
            {
                FileNotFoundException => ErrorCategory.ObjectNotFound,
                CryptographicException => ErrorCategory.InvalidData,
                PlatformNotSupportedException => ErrorCategory.NotImplemented,
                _ => (ErrorCategory?)null,
            };
            ThrowFtpError(e, ErrorIds.CertificateNotLoaded, path, category, $"Cannot load the certificate '{path}': {e.Message}");
            throw; // Not reached.
        }
    }

    // Two numbers are lowest and highest; more must be a whole range such as 50000..50100.
    private (int Min, int Max) ReadPortRange(int[] ports)
    {
        if (ports.Length == 1) return (ports[0], ports[0]);
        if (ports.Length == 2) return (ports[0], ports[1]);
        for (var i = 1; i < ports.Length; i++)
        {
            if (ports[i] != ports[i - 1] + 1) InvalidOption("-PassivePortRange takes 'lowest-highest', two numbers, or a whole range such as 50000..50100.");
        }
        return (ports[0], ports[ports.Length - 1]);
    }

    private FtpLiteServer Start(FtpServer library)
    {
        FtpLiteServer? server = null;
        try
        {
            server = ServerRegistry.StartAndRegister(library, Name);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            ThrowFtpError(e, ErrorIds.PortInUse, Port, ErrorCategory.ResourceUnavailable,
                $"Port {Port} on {ListenAddress} is already in use. Choose another -Port, or -Port 0 to let the system pick a free one.");
        }
        catch (SocketException e)
        {
            ThrowFtpError(e, ErrorIds.ListenFailed, ListenAddress, message: $"Cannot listen on {ListenAddress} port {Port}: {e.Message}");
        }
        if (server is null)
        {
            ThrowFtpError($"A server named '{Name}' is already running in this session. Choose another -Name, or stop it first.",
                ErrorIds.ServerNameInUse, ErrorCategory.ResourceExists, Name);
        }
        return server;
    }

    private void WaitUntilStopped(FtpLiteServer server, PipelineMessages messages)
    {
        WriteVerbose($"Waiting until Ctrl+C; then '{server.Name}' stops.");
        try
        {
            // Returns if the server is stopped elsewhere; throws PipelineStoppedException on Ctrl+C.
            WaitFor(server.Completion, messages);
        }
        finally
        {
            if (server.IsRunning) ServerRegistry.Stop(server);
        }
    }

    private bool IsBound(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);

    /// <summary>The tag PowerShell gives Write-Host's records: shown unless the user's own -InformationAction says otherwise.</summary>
    private const string HostTag = "PSHOST";

    private static string[] WithKind(string[] tags, FtpServerEventArgs e)
    {
        var copy = (string[])tags.Clone();
        copy[1] = e.Kind.ToString();
        return copy;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void InvalidOption(string message) =>
        ThrowFtpError(message, ErrorIds.InvalidServerOption, ErrorCategory.InvalidArgument, MyInvocation.MyCommand.Name);
}
