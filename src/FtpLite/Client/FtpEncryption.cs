namespace FtpLite.Client;

/// <summary>Whether and how the client speaks FTPS (RFC 4217).</summary>
public enum FtpEncryption
{
    /// <summary>Plain FTP: commands, password and data travel in clear text.</summary>
    None,

    /// <summary>
    /// Connect in plain text, then AUTH TLS before anything else is sent; the data connections are protected too
    /// (PBSZ 0, PROT P). A server that refuses AUTH TLS is an error, never a silent fallback to plain text.
    /// </summary>
    Explicit,

    /// <summary>TLS from the first byte (servers usually listen on port 990 for this); data protected too.</summary>
    Implicit,
}
