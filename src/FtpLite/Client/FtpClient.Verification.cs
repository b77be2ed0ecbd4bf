using FtpLite.Protocol.Hashing;
namespace FtpLite.Client;

/// <summary>
/// Checks a finished file transfer against the server's copy: its HASH against the hash computed while the bytes
/// streamed, or its SIZE against the local length, as <see cref="FtpTransferOptions.Verify"/> asks.
/// </summary>
public sealed partial class FtpClient
{
    private readonly struct Verification
    {
        public Verification(FtpHashAlgorithm? algorithm, string? hash, bool? verified, FtpVerification kind)
        {
            Algorithm = algorithm;
            Hash = hash;
            Verified = verified;
            Kind = kind;
        }

        public FtpHashAlgorithm? Algorithm { get; }
        public string? Hash { get; }
        public bool? Verified { get; }

        /// <summary>The check that was made: None when nothing was compared.</summary>
        public FtpVerification Kind { get; }

        public static Verification NotChecked => default;
    }

    /// <summary>The algorithm to hash with while streaming; null when the options or the server leave hashing out.</summary>
    private FtpHashAlgorithm? StreamingHash(FtpTransferOptions options) =>
        options.Verify == FtpVerification.Hash ? ChooseHash(options.HashAlgorithm) : null;

    /// <summary>
    /// Compares <paramref name="localHash"/> (of <paramref name="localFile"/>, computed during the transfer) with the
    /// server's HASH, or the file's length with the server's SIZE (or, downloading, with <paramref name="listedLength"/>
    /// when a listing gave it). A difference throws <see cref="FtpErrorKind.HashMismatch"/>.
    /// </summary>
    private async Task<Verification> VerifyAsync(
        string remotePath, string localFile, FtpTransferOptions options, FtpHashAlgorithm? algorithm, string? localHash, CancellationToken cancellationToken,
        long? listedLength = null)
    {
        if (options.Verify == FtpVerification.None) return Verification.NotChecked;
        if (options.Verify == FtpVerification.Hash && algorithm is { } chosen && localHash is not null)
        {
            string? remote = null;
            try
            {
                remote = await GetHashCoreAsync(remotePath, chosen, cancellationToken).ConfigureAwait(false);
            }
            catch (FtpException e) when (e.Kind == FtpErrorKind.NotSupported && e.Reply is not null)
            {
                // FEAT promised HASH, the command says otherwise: fall back to the size.
            }
            if (remote is not null)
            {
                if (!string.Equals(localHash, remote, StringComparison.OrdinalIgnoreCase))
                {
                    throw new FtpException(FtpErrorKind.HashMismatch,
                        $"{chosen.WireName()} of '{localFile}' is {localHash}, the server's of '{remotePath}' is {remote}.");
                }
                return new Verification(chosen, localHash, true, FtpVerification.Hash);
            }
        }
        return await VerifySizeAsync(remotePath, localFile, listedLength, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Verification> VerifySizeAsync(string remotePath, string localFile, long? listedLength, CancellationToken cancellationToken)
    {
        var local = new FileInfo(localFile).Length;
        // A listing's length that matches needs no question; one that does not may only be stale (the file changed
        // since), so the server's SIZE then decides.
        if (listedLength == local) return new Verification(null, null, null, FtpVerification.Size);
        if (await TryGetSizeCoreAsync(remotePath, cancellationToken).ConfigureAwait(false) is not { } remote) return Verification.NotChecked;
        if (local != remote)
            throw new FtpException(FtpErrorKind.HashMismatch, $"'{localFile}' has {local} bytes, the server's '{remotePath}' has {remote}.");
        return new Verification(null, null, null, FtpVerification.Size);
    }
}
