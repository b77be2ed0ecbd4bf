using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace FtpLite.Server;

/// <summary>Everything an <see cref="FtpServer"/> is told before it starts. Defaults are the safe ones.</summary>
public sealed class FtpServerOptions
{
    /// <summary>The folder served. Every account without a root of its own sees this one. Unused when <see cref="Store"/> is set.</summary>
    public string Root { get; set; } = ".";

    /// <summary>
    /// The storage every account sees, in place of the local folder <see cref="Root"/>; null (the default): a
    /// <see cref="Storage.LocalFileStore"/> on <see cref="Root"/>, or on an account's own root. One store serves all
    /// sessions at once, so it must be safe to call concurrently; accounts with a root of their own are refused with
    /// it (a store has one root). What it cannot do (<see cref="Storage.IFileStore.Capabilities"/>) the server refuses
    /// with a reply that says so. Its ToString() names it in the server's log; the server does not dispose it.
    /// </summary>
    public Storage.IFileStore? Store { get; set; }

    /// <summary>Where the control connection listens. Loopback unless told otherwise.</summary>
    public IPAddress ListenAddress { get; set; } = IPAddress.Loopback;

    /// <summary>The control port; 0 lets the system pick a free one (read it back from <see cref="FtpServer.EndPoint"/>).</summary>
    public int Port { get; set; } = 8080;

    /// <summary>Named accounts. With none and <see cref="AllowAnonymous"/> unset, a loopback server is anonymous read-write.</summary>
    public IList<FtpUser> Users { get; } = new List<FtpUser>();

    /// <summary>Lets "anonymous" and "ftp" log in with any password. Null: only when no account is configured and the server is on loopback.</summary>
    public bool? AllowAnonymous { get; set; }

    /// <summary>Lets anonymous sessions upload, create, rename and delete. Null: as <see cref="AllowAnonymous"/>'s quick-start default decides.</summary>
    public bool? AnonymousWrite { get; set; }

    /// <summary>Required, besides <see cref="AnonymousWrite"/>, for anonymous writes on an address beyond loopback.</summary>
    public bool AllowAnonymousWriteOnNetwork { get; set; }

    /// <summary>Lowest passive data port, or 0 (with <see cref="PassivePortMax"/> also 0) for a random free port of 49152-65535.</summary>
    public int PassivePortMin { get; set; }

    /// <summary>Highest passive data port.</summary>
    public int PassivePortMax { get; set; }

    /// <summary>The lowest passive port in use: <see cref="PassivePortMin"/>, or 49152 (the IANA dynamic range) when unset.</summary>
    public int EffectivePassivePortMin => PassivePortMin == 0 ? 49152 : PassivePortMin;

    /// <summary>The highest passive port in use: <see cref="PassivePortMax"/>, or 65535 when no range is set.</summary>
    public int EffectivePassivePortMax => PassivePortMin == 0 ? 65535 : PassivePortMax;

    /// <summary>The address PASV announces, for a server behind NAT. Null: the address the client connected to.</summary>
    public IPAddress? PassiveAddress { get; set; }

    /// <summary>Sessions at once, in total; one more is answered 421 and closed.</summary>
    public int MaxSessions { get; set; } = 1000;

    /// <summary>Sessions at once from one client address.</summary>
    public int MaxSessionsPerAddress { get; set; } = 200;

    /// <summary>A session with no command for this long is closed (a running transfer is not idle).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a data connection may take to arrive (passive) or connect (active).</summary>
    public TimeSpan DataConnectionTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A transfer whose data connection moves no byte for this long is aborted.</summary>
    public TimeSpan DataStallTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Failed logins a session may have; the next one closes it with 421.</summary>
    public int MaxFailedLogins { get; set; } = 3;

    /// <summary>Delay before answering a failed login, multiplied by the session's failure count.</summary>
    public TimeSpan FailedLoginDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Failed logins one client address may have within <see cref="FailedLoginWindow"/>, over all its connections;
    /// beyond it, every PASS from that address is answered 421 until a window has passed with no more failures.
    /// </summary>
    public int MaxFailedLoginsPerAddress { get; set; } = 10;

    /// <summary>How long a failed login counts against its address, and how long an address over the budget is refused.</summary>
    public TimeSpan FailedLoginWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Entries one LIST, NLST, MLSD or STAT sends at most. A listing that reaches it stops there, and its reply says
    /// so with a failure code, so that no client takes a cut-off listing for the whole folder.
    /// </summary>
    public int MaxListingEntries { get; set; } = 1_000_000;

    /// <summary>Longest command line accepted, in bytes; a longer one is answered 500 and discarded, never buffered.</summary>
    public int MaxCommandLineLength { get; set; } = 4096;

    /// <summary>How often the heartbeat checks idle and stalled sessions.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long an interrupted upload is kept (hidden) for its user to resume; older ones, and upload temporaries a
    /// crash left behind, are removed by the sweep.
    /// </summary>
    public TimeSpan PendingUploadLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Bytes that pending uploads may take in each served folder tree; beyond it the sweep removes the oldest.</summary>
    public long PendingUploadBudget { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>How often the served folders are swept for expired pending uploads (also once at start).</summary>
    public TimeSpan TemporarySweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The certificate (with its private key) for FTPS; null: no TLS (AUTH is answered 502).</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>Refuse everything but AUTH, FEAT and QUIT before TLS, and any data connection without PROT P.</summary>
    public bool RequireTls { get; set; }

    /// <summary>A second port that speaks TLS from the first byte (implicit FTPS, customarily 990); 0 picks a free one; null: none.</summary>
    public int? ImplicitTlsPort { get; set; }

    /// <summary>How long a TLS handshake, on the control or a data connection, may take.</summary>
    public TimeSpan TlsHandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The first line of the 220 greeting.</summary>
    public string Banner { get; set; } = "FtpLite ready";

    /// <summary>The clock the login throttle reads; tests replace it to step time without waiting.</summary>
    internal Func<DateTime> UtcNow { get; set; } = () => DateTime.UtcNow;

    /// <summary>Makes the store for a root folder when <see cref="Store"/> is unset; tests put a failing store in its place.</summary>
    internal Func<string, Storage.IFileStore> StoreFactory { get; set; } = root => new Storage.LocalFileStore(root);

    internal bool IsLoopbackOnly => IPAddress.IsLoopback(ListenAddress);

    internal bool EffectiveAllowAnonymous => AllowAnonymous ?? (Users.Count == 0 && IsLoopbackOnly);

    internal bool EffectiveAnonymousWrite => AnonymousWrite ?? (AllowAnonymous is null && Users.Count == 0 && IsLoopbackOnly);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option that cannot work.</summary>
    public void Validate()
    {
        if (Store is null && string.IsNullOrWhiteSpace(Root)) throw new ArgumentException("Root must name a folder.", nameof(Root));
        if (Store is null && !Directory.Exists(Root)) throw new ArgumentException($"The root folder '{Root}' does not exist.", nameof(Root));
        if (Port < 0 || Port > 65535) throw new ArgumentException("Port must be 0 to 65535.", nameof(Port));
        if (PassivePortMin < 0 || PassivePortMax > 65535 || PassivePortMin > PassivePortMax)
            throw new ArgumentException("The passive port range must lie within 0 to 65535, lowest first.", nameof(PassivePortMin));
        if ((PassivePortMin == 0) != (PassivePortMax == 0))
            throw new ArgumentException("Give both ends of the passive port range, or neither.", nameof(PassivePortMin));
        if (MaxSessions < 1) throw new ArgumentException("MaxSessions must be at least 1.", nameof(MaxSessions));
        if (MaxSessionsPerAddress < 1) throw new ArgumentException("MaxSessionsPerAddress must be at least 1.", nameof(MaxSessionsPerAddress));
        if (MaxFailedLogins < 1) throw new ArgumentException("MaxFailedLogins must be at least 1.", nameof(MaxFailedLogins));
        if (MaxFailedLoginsPerAddress < 1) throw new ArgumentException("MaxFailedLoginsPerAddress must be at least 1.", nameof(MaxFailedLoginsPerAddress));
        if (FailedLoginWindow <= TimeSpan.Zero) throw new ArgumentException("FailedLoginWindow must be positive.", nameof(FailedLoginWindow));
        if (MaxListingEntries < 1) throw new ArgumentException("MaxListingEntries must be at least 1.", nameof(MaxListingEntries));
        if (MaxCommandLineLength < 512) throw new ArgumentException("MaxCommandLineLength must be at least 512 bytes.", nameof(MaxCommandLineLength));
        if (IdleTimeout <= TimeSpan.Zero || DataConnectionTimeout <= TimeSpan.Zero || DataStallTimeout <= TimeSpan.Zero || HeartbeatInterval <= TimeSpan.Zero)
            throw new ArgumentException("Timeouts must be positive.", nameof(IdleTimeout));
        if (PendingUploadLifetime < TimeSpan.Zero || PendingUploadBudget < 0 || TemporarySweepInterval <= TimeSpan.Zero)
            throw new ArgumentException("The pending-upload lifetime and budget cannot be negative, the sweep interval must be positive.", nameof(PendingUploadLifetime));
        if (FailedLoginDelay < TimeSpan.Zero) throw new ArgumentException("FailedLoginDelay cannot be negative.", nameof(FailedLoginDelay));
        if ((RequireTls || ImplicitTlsPort is not null) && Certificate is null)
            throw new ArgumentException("TLS needs a certificate: set Certificate.", nameof(Certificate));
        if (Certificate is not null && !Certificate.HasPrivateKey)
            throw new ArgumentException("The certificate has no private key; a server needs one.", nameof(Certificate));
        if (ImplicitTlsPort is < 0 or > 65535) throw new ArgumentException("ImplicitTlsPort must be 0 to 65535.", nameof(ImplicitTlsPort));
        if (TlsHandshakeTimeout <= TimeSpan.Zero) throw new ArgumentException("Timeouts must be positive.", nameof(TlsHandshakeTimeout));
        if (!EffectiveAllowAnonymous && Users.Count == 0)
            throw new ArgumentException("No one could log in: add an account, or allow anonymous access.", nameof(Users));
        if (EffectiveAllowAnonymous && EffectiveAnonymousWrite && !IsLoopbackOnly && !AllowAnonymousWriteOnNetwork)
            throw new ArgumentException(
                "Anonymous write access beyond loopback is refused unless AllowAnonymousWriteOnNetwork is set as well.", nameof(AnonymousWrite));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var user in Users)
        {
            if (!names.Add(user.Name)) throw new ArgumentException($"The account '{user.Name}' is given twice.", nameof(Users));
            if (user.Root is not null && Store is not null)
                throw new ArgumentException($"The account '{user.Name}' has a root folder of its own, but the server serves one store to everyone.", nameof(Users));
            if (user.Root is not null && !Directory.Exists(user.Root))
                throw new ArgumentException($"The root folder '{user.Root}' of account '{user.Name}' does not exist.", nameof(Users));
        }
    }
}
