namespace FtpLite.Client;

/// <summary>How the client opens data connections. Both are passive: the client connects, so firewalls on its side stay shut.</summary>
public enum FtpDataMode
{
    /// <summary>EPSV first; PASV when the server refuses EPSV (500/502), remembered for the rest of the session.</summary>
    Auto,

    /// <summary>EPSV only (RFC 2428); needed for IPv6.</summary>
    ExtendedPassive,

    /// <summary>PASV only (RFC 959); the announced address is ignored, the control connection's peer is used.</summary>
    Passive,
}
