namespace FtpLite.Client;

/// <summary>What went wrong, coarse enough for a caller to pick an error category without reading reply text.</summary>
public enum FtpErrorKind
{
    /// <summary>The server refused or failed a command (any 4xx/5xx not covered by a more specific kind).</summary>
    CommandFailed,

    /// <summary>The remote file or directory does not exist (550 on a path).</summary>
    NotFound,

    /// <summary>The server refused access to an existing path (550/553 saying so).</summary>
    PermissionDenied,

    /// <summary>The user name or password was refused (530), or the server wants an account (ACCT).</summary>
    LoginFailed,

    /// <summary>No control connection could be made: name resolution, refusal, or a 421 greeting.</summary>
    ConnectionFailed,

    /// <summary>An established control or data connection was closed or reset by the other side.</summary>
    ConnectionLost,

    /// <summary>A reply, a connection or a data transfer took longer than the configured limit.</summary>
    Timeout,

    /// <summary>The server sent something that is not FTP (a malformed or over-long reply).</summary>
    ProtocolError,

    /// <summary>The server lacks a command the operation needs.</summary>
    NotSupported,

    /// <summary>The transferred file differs from the server's: its hash (or, checking sizes only, its length).</summary>
    HashMismatch,

    /// <summary>The target exists and neither overwrite nor resume was asked for.</summary>
    AlreadyExists,

    /// <summary>
    /// The server's TLS certificate failed validation (untrusted, wrong name, expired, or not the pinned one).
    /// The message names the reason and the certificate's SHA-256 thumbprint, which can be pinned.
    /// </summary>
    CertificateRejected,
}
