namespace FtpLite.Client;

/// <summary>The names the HASH draft gives its algorithms, and the server's choice marked with "*" in FEAT.</summary>
internal static class FtpHashNames
{
    private static readonly (FtpHashAlgorithm Algorithm, string Name)[] Names =
    {
        (FtpHashAlgorithm.Sha256, "SHA-256"),
        (FtpHashAlgorithm.Sha1, "SHA-1"),
        (FtpHashAlgorithm.Md5, "MD5"),
        (FtpHashAlgorithm.Crc32, "CRC32"),
    };

    public static string NameOf(FtpHashAlgorithm algorithm)
    {
        foreach (var entry in Names)
        {
            if (entry.Algorithm == algorithm) return entry.Name;
        }
        throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Not a HASH algorithm.");
    }

    public static bool TryParse(string name, out FtpHashAlgorithm algorithm)
    {
        foreach (var entry in Names)
        {
            if (string.Equals(entry.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                algorithm = entry.Algorithm;
                return true;
            }
        }
        algorithm = default;
        return false;
    }

    /// <summary>
    /// Reads FEAT's "HASH SHA-256*;SHA-1;MD5": the algorithms offered (in the order of <see cref="FtpHashAlgorithm"/>,
    /// strongest first) and the one selected now, marked with "*".
    /// </summary>
    public static (IReadOnlyList<FtpHashAlgorithm> Offered, FtpHashAlgorithm? Selected) ParseFeature(string? parameters)
    {
        var offered = new List<FtpHashAlgorithm>();
        FtpHashAlgorithm? selected = null;
        if (parameters is null) return (offered, null);
        foreach (var raw in parameters.Split(';'))
        {
            var name = raw.Trim();
            var isSelected = name.EndsWith("*", StringComparison.Ordinal);
            if (isSelected) name = name.Substring(0, name.Length - 1);
            if (!TryParse(name, out var algorithm)) continue;
            if (!offered.Contains(algorithm)) offered.Add(algorithm);
            if (isSelected) selected = algorithm;
        }
        offered.Sort();
        return (offered, selected);
    }
}
