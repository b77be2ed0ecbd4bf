using FtpLite.Protocol.Hashing;

namespace FtpLite.Client;

/// <summary>The server's HASH offer in FEAT: "HASH SHA-256*;SHA-1;MD5", with "*" on the algorithm selected now.</summary>
internal static class FtpHashNames
{
    /// <summary>The algorithms offered (strongest first, as <see cref="FtpHashAlgorithm"/> orders them) and the selected one.</summary>
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
            if (!FtpHashAlgorithms.TryParse(name, out var algorithm)) continue;
            if (!offered.Contains(algorithm)) offered.Add(algorithm);
            if (isSelected) selected = algorithm;
        }
        offered.Sort();
        return (offered, selected);
    }
}
