namespace FtpLite.Storage;

/// <summary>A file or folder as a store reports it.</summary>
public sealed class FileStoreEntry
{
    public FileStoreEntry(string name, string virtualPath, bool isDirectory, long length, DateTime lastWriteTimeUtc, string? linkTarget = null)
    {
        Name = name;
        LinkTarget = linkTarget;
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

    /// <summary>
    /// For a symbolic link to a folder: the virtual path it leads to (the entry describes that folder). Listings show
    /// it as a link, so recursive clients delete or skip it instead of walking through it; paths through it still work.
    /// </summary>
    public string? LinkTarget { get; }
}
