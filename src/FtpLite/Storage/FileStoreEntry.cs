namespace FtpLite.Storage;

/// <summary>A file or folder as a store reports it.</summary>
public sealed class FileStoreEntry
{
    public FileStoreEntry(string name, string virtualPath, bool isDirectory, long length, DateTime lastWriteTimeUtc)
    {
        Name = name;
        VirtualPath = virtualPath;
        IsDirectory = isDirectory;
        Length = length;
        LastWriteTimeUtc = lastWriteTimeUtc;
    }

    public string Name { get; }
    public string VirtualPath { get; }
    public bool IsDirectory { get; }

    /// <summary>Bytes in a file; 0 for a folder.</summary>
    public long Length { get; }
    public DateTime LastWriteTimeUtc { get; }
}
