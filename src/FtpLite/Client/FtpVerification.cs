namespace FtpLite.Client;

/// <summary>How a file transfer checks its result against the server's copy.</summary>
public enum FtpVerification
{
    /// <summary>No check: nothing is asked of the server after the transfer.</summary>
    None,

    /// <summary>The server's SIZE must equal the local length (skipped when the server has no SIZE).</summary>
    Size,

    /// <summary>
    /// The server's HASH must equal the hash computed while the bytes streamed; a server without HASH gets the
    /// <see cref="Size"/> check instead.
    /// </summary>
    Hash,
}
