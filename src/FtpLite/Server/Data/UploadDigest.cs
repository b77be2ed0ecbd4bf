using FtpLite.Protocol.Hashing;
using FtpLite.Storage;

namespace FtpLite.Server.Data;

/// <summary>
/// The hash of a session's last whole-file upload, computed as its bytes were written, so the HASH a verifying client
/// sends next costs no second read of the file. It answers only while the file is unchanged: the same path, length and
/// modification time as when the upload was committed, and the same algorithm.
/// </summary>
internal sealed class UploadDigest
{
    private readonly string _path;
    private readonly long _length;
    private readonly DateTime _lastWriteTimeUtc;
    private readonly FtpHashAlgorithm _algorithm;

    public UploadDigest(FileStoreEntry entry, FtpHashAlgorithm algorithm, string digest)
    {
        _path = entry.VirtualPath;
        _length = entry.Length;
        _lastWriteTimeUtc = entry.LastWriteTimeUtc;
        _algorithm = algorithm;
        Digest = digest;
    }

    public string Digest { get; }

    public bool Answers(FileStoreEntry entry, FtpHashAlgorithm algorithm) =>
        algorithm == _algorithm && entry.VirtualPath == _path && entry.Length == _length && entry.LastWriteTimeUtc == _lastWriteTimeUtc;
}
