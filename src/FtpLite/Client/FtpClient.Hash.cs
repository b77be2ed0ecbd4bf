using FtpLite.Protocol.Hashing;
using FtpLite.Protocol;

namespace FtpLite.Client;

/// <summary>Remote hashes (HASH, draft-bryan-ftpext-hash): "HASH path" answers "213 SHA-256 0-N hex path".</summary>
public sealed partial class FtpClient
{
    private FtpHashAlgorithm? _selectedHash;

    /// <summary>The algorithms the server offers in FEAT, strongest first; empty when it has no HASH.</summary>
    public IReadOnlyList<FtpHashAlgorithm> HashAlgorithms => FtpHashNames.ParseFeature(Features.ParametersOf("HASH")).Offered;

    /// <summary>
    /// The server's hash of a whole file, lower-case hex. With no algorithm given, the strongest offered is used.
    /// A server without HASH (or without that algorithm) is an <see cref="FtpErrorKind.NotSupported"/> error.
    /// </summary>
    public Task<string> GetHashAsync(string path, FtpHashAlgorithm? algorithm = null, CancellationToken cancellationToken = default)
    {
        CheckPath(path);
        return RunAsync(token => GetHashCoreAsync(path, algorithm ?? PreferredHash(), token), cancellationToken);
    }

    /// <summary>The algorithm to verify with: the caller's choice if offered, else the strongest offered, else null.</summary>
    private FtpHashAlgorithm? ChooseHash(FtpHashAlgorithm? wanted)
    {
        var offered = HashAlgorithms;
        if (wanted is { } w) return offered.Contains(w) ? w : null;
        return offered.Count > 0 ? offered[0] : null;
    }

    private FtpHashAlgorithm PreferredHash() =>
        ChooseHash(null) ?? throw new FtpException(FtpErrorKind.NotSupported, "The server does not offer HASH.");

    private async Task<string> GetHashCoreAsync(string path, FtpHashAlgorithm algorithm, CancellationToken cancellationToken)
    {
        var name = algorithm.WireName();
        if (!HashAlgorithms.Contains(algorithm)) throw new FtpException(FtpErrorKind.NotSupported, $"The server does not offer HASH with {name}.");
        if (_selectedHash != algorithm)
        {
            await ExpectAsync("OPTS HASH " + name, r => r.IsSuccess, commandNamesPath: false, cancellationToken).ConfigureAwait(false);
            _selectedHash = algorithm;
        }
        var reply = await ExpectAsync("HASH " + path, r => r.Code == 213, commandNamesPath: true, cancellationToken).ConfigureAwait(false);
        return ParseHashReply(reply, algorithm);
    }

    /// <summary>Reads "SHA-256 0-49 169cd22282da7f147cb491e559e9dd hash.txt": algorithm, byte range, hex, path.</summary>
    internal static string ParseHashReply(FtpReply reply, FtpHashAlgorithm expected)
    {
        var parts = reply.Message.Trim().Split(new[] { ' ' }, 4, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3 || !FtpHashAlgorithms.TryParse(parts[0], out var algorithm))
            throw new FtpException(FtpErrorKind.ProtocolError, "HASH answered in an unknown form: " + reply.Message, reply);
        if (algorithm != expected)
            throw new FtpException(FtpErrorKind.ProtocolError, $"HASH answered with {parts[0]}, not {expected.WireName()}.", reply);
        var hex = parts[2];
        foreach (var c in hex)
        {
            if (!Uri.IsHexDigit(c)) throw new FtpException(FtpErrorKind.ProtocolError, "HASH answered with a value that is not hex: " + hex, reply);
        }
        return hex.ToLowerInvariant();
    }
}
