using FtpLite.Protocol.Hashing;
namespace FtpLite.Client;

/// <summary>Checks a finished file transfer against the server's HASH, when the server offers one.</summary>
public sealed partial class FtpClient
{
    private readonly struct Verification
    {
        public Verification(FtpHashAlgorithm? algorithm, string? hash, bool? verified)
        {
            Algorithm = algorithm;
            Hash = hash;
            Verified = verified;
        }

        public FtpHashAlgorithm? Algorithm { get; }
        public string? Hash { get; }
        public bool? Verified { get; }

        public static Verification NotChecked => default;
    }

    /// <summary>Compares the local file's hash with the server's; a mismatch throws <see cref="FtpErrorKind.HashMismatch"/>.</summary>
    private async Task<Verification> VerifyAsync(string remotePath, string localFile, FtpTransferOptions options, CancellationToken cancellationToken)
    {
        if (!options.VerifyHash) return Verification.NotChecked;
        if (ChooseHash(options.HashAlgorithm) is not { } algorithm) return Verification.NotChecked;
        string remote;
        try
        {
            remote = await GetHashCoreAsync(remotePath, algorithm, cancellationToken).ConfigureAwait(false);
        }
        catch (FtpException e) when (e.Kind == FtpErrorKind.NotSupported && e.Reply is not null)
        {
            return Verification.NotChecked; // FEAT promised HASH, the command says otherwise: nothing to compare.
        }
        var local = await LocalFileHasher.HashFileAsync(localFile, algorithm, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(local, remote, StringComparison.OrdinalIgnoreCase))
        {
            throw new FtpException(FtpErrorKind.HashMismatch,
                $"{algorithm.WireName()} of '{localFile}' is {local}, the server's of '{remotePath}' is {remote}.");
        }
        return new Verification(algorithm, local, true);
    }
}
