using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using FtpLite.Server;
using FtpLite.Tls;

namespace FtpLite.PowerShell;

/// <summary>
/// A server as PowerShell users see it: what it serves and where, and live counters that are read from the
/// library's <see cref="FtpServerStatistics"/> every time a property is read (so a kept object never goes stale).
/// </summary>
public sealed class FtpLiteServer
{
    private readonly FtpServer _server;

    internal FtpLiteServer(int id, string name, FtpServer server, Guid owner)
    {
        Id = id;
        Name = name;
        _server = server;
        Owner = owner;
        // Read once: after a stop the listener no longer reports the port the system picked.
        var endPoint = server.EndPoint;
        Address = endPoint.Address;
        Port = endPoint.Port;
        ImplicitTlsPort = server.ImplicitTlsEndPoint?.Port;
        Url = string.Format(CultureInfo.InvariantCulture, "ftp://{0}:{1}/", UrlHost(endPoint.Address), endPoint.Port);
    }

    /// <summary>A number unique in this process, like a job's id.</summary>
    public int Id { get; }

    /// <summary>A friendly name, unique among the running servers of a session.</summary>
    public string Name { get; }

    public IPAddress Address { get; }

    public int Port { get; }

    /// <summary>Where a client on this machine reaches the server; a server listening on every address is shown on loopback.</summary>
    public string Url { get; }

    /// <summary>The served folder, as a full path; with -Store, what the store calls itself.</summary>
    public string Root => _server.Serving;

    public FtpLiteServerState State =>
        _server.IsRunning ? FtpLiteServerState.Running
        : _server.Completion.IsCompleted ? FtpLiteServerState.Stopped
        : FtpLiteServerState.Stopping;

    public bool IsRunning => _server.IsRunning;

    /// <summary>When the server started listening, in local time.</summary>
    public DateTime StartTime => _server.StartTime.LocalDateTime;

    /// <summary>The named accounts (never their passwords).</summary>
    public string[] UserNames => _server.Options.Users.Select(u => u.Name).ToArray();

    /// <summary>The passive data ports, as "lowest-highest" (49152-65535 unless configured).</summary>
    public string PassivePortRange =>
        string.Format(CultureInfo.InvariantCulture, "{0}-{1}", _server.Options.EffectivePassivePortMin, _server.Options.EffectivePassivePortMax);

    public IPAddress? PassiveAddress => _server.Options.PassiveAddress;

    /// <summary>True when the server has a certificate: clients may switch to TLS (AUTH TLS).</summary>
    public bool TlsEnabled => _server.Options.Certificate is not null;

    /// <summary>True when logins and data connections without TLS are refused.</summary>
    public bool RequireTls => _server.Options.RequireTls;

    /// <summary>The implicit-FTPS port, or null when the server has none.</summary>
    public int? ImplicitTlsPort { get; }

    public X509Certificate2? Certificate => _server.Options.Certificate;

    /// <summary>The certificate's SHA-256 thumbprint (upper-case hex), the form clients pin.</summary>
    public string? CertificateThumbprintSha256 => Certificate is null ? null : CertificateFiles.Sha256Thumbprint(Certificate);

    public int MaxSessions => _server.Options.MaxSessions;

    public int MaxSessionsPerAddress => _server.Options.MaxSessionsPerAddress;

    public TimeSpan IdleTimeout => _server.Options.IdleTimeout;

    public long ActiveSessions => _server.Statistics.ActiveSessions;

    public long TotalSessions => _server.Statistics.TotalSessions;

    public long RejectedSessions => _server.Statistics.RejectedSessions;

    public long BytesReceived => _server.Statistics.BytesReceived;

    public long BytesSent => _server.Statistics.BytesSent;

    public long FilesReceived => _server.Statistics.FilesReceived;

    public long FilesSent => _server.Statistics.FilesSent;

    public long FailedTransfers => _server.Statistics.FailedTransfers;

    public long FailedLogins => _server.Statistics.FailedLogins;

    /// <summary>The runspace that started the server: it is stopped when that session removes the module or closes.</summary>
    internal Guid Owner { get; }

    internal FtpServer Server => _server;

    internal Task Completion => _server.Completion;

    internal Task StopAsync(TimeSpan grace) => _server.StopAsync(grace);

    public override string ToString() => Name + " " + Url;

    private static string UrlHost(IPAddress address)
    {
        if (address.Equals(IPAddress.Any)) return IPAddress.Loopback.ToString();
        if (address.Equals(IPAddress.IPv6Any)) return "[" + IPAddress.IPv6Loopback + "]";
        return address.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + address + "]" : address.ToString();
    }
}
