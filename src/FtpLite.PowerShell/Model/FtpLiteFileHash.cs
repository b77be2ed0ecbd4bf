namespace FtpLite.PowerShell;

/// <summary>A remote file's hash as the server computed it, shaped like Get-FileHash's output so the two compare.</summary>
public sealed class FtpLiteFileHash
{
    internal FtpLiteFileHash(string algorithm, string hash, string path)
    {
        Algorithm = algorithm;
        Hash = hash;
        Path = path;
    }

    /// <summary>SHA256, SHA1, MD5 or CRC32, named as Get-FileHash names them.</summary>
    public string Algorithm { get; }

    /// <summary>Upper-case hex, as Get-FileHash writes it.</summary>
    public string Hash { get; }

    /// <summary>The remote path.</summary>
    public string Path { get; }

    public override string ToString() => Hash;
}
