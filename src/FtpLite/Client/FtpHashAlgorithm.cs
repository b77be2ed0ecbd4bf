namespace FtpLite.Client;

/// <summary>The algorithms of draft-bryan-ftpext-hash, strongest first.</summary>
public enum FtpHashAlgorithm
{
    Sha256,
    Sha1,
    Md5,
    Crc32,
}
