using FtpLite.Protocol.Hashing;
namespace FtpLite.Client;

/// <summary>How a file transfer treats an existing target and whether it checks the result.</summary>
public sealed class FtpTransferOptions
{
    /// <summary>Replace an existing target. Without it (and without <see cref="Resume"/>) an existing target is an error.</summary>
    public bool Overwrite { get; set; }

    /// <summary>Continue a partial target: a shorter target is extended, an equal one is left alone, a longer one is replaced.</summary>
    public bool Resume { get; set; }

    /// <summary>Compare a hash with the server's when it offers HASH. A mismatch fails the transfer.</summary>
    public bool VerifyHash { get; set; } = true;

    /// <summary>The algorithm to verify with; null picks the strongest the server offers.</summary>
    public FtpHashAlgorithm? HashAlgorithm { get; set; }
}
