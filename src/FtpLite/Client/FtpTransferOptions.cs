using FtpLite.Protocol.Hashing;
namespace FtpLite.Client;

/// <summary>How a file transfer treats an existing target and whether it checks the result.</summary>
public sealed class FtpTransferOptions
{
    /// <summary>Replace an existing target. Without it (and without <see cref="Resume"/>) an existing target is an error.</summary>
    public bool Overwrite { get; set; }

    /// <summary>Continue a partial target: a shorter target is extended, an equal one is left alone, a longer one is replaced.</summary>
    public bool Resume { get; set; }

    /// <summary>
    /// How the result is checked against the server's copy; a difference fails the transfer. Hash (the default) hashes
    /// the local side while the bytes stream and compares with the server's HASH, or its SIZE where it has no HASH.
    /// </summary>
    public FtpVerification Verify { get; set; } = FtpVerification.Hash;

    /// <summary>
    /// Downloads only: the remote file's length as a listing already gave it (a mirror's walk). Where the check falls to
    /// the size (Size asked, or Hash of a server without HASH), the received length is compared with this instead of
    /// asking SIZE: the same comparison, one round trip fewer per file. Uploads ignore it and ask SIZE.
    /// </summary>
    public long? ListedLength { get; set; }

    /// <summary>The algorithm to verify with; null picks the strongest the server offers.</summary>
    public FtpHashAlgorithm? HashAlgorithm { get; set; }
}
