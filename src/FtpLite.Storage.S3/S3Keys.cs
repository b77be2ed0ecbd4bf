using FtpLite.Storage;

namespace FtpLite.Storage.S3;

/// <summary>
/// Virtual paths to object keys: "/a/b" is the key "{prefix}a/b"; a folder "/a" is every key under "{prefix}a/", and
/// an empty folder is kept by a marker object of that very key (zero bytes). The root is the prefix itself.
/// </summary>
internal sealed class S3Keys
{
    private readonly string _prefix;

    /// <param name="prefix">Where the store's tree starts in the bucket ("" or "some/folder/").</param>
    public S3Keys(string? prefix)
    {
        prefix = (prefix ?? string.Empty).Trim('/');
        _prefix = prefix.Length == 0 ? string.Empty : prefix + "/";
    }

    /// <summary>The key prefix of the root folder.</summary>
    public string Root => _prefix;

    /// <summary>The object key of a file path. The root has none.</summary>
    public string FileKey(string path)
    {
        var relative = Relative(path);
        if (relative.Length == 0) throw new FileStoreException(FileStoreError.NotAFile, "The root is a folder.");
        return _prefix + relative;
    }

    /// <summary>The key prefix of a folder path (also its marker's key): "{prefix}a/", or the root's.</summary>
    public string FolderPrefix(string path)
    {
        var relative = Relative(path);
        return relative.Length == 0 ? _prefix : _prefix + relative + "/";
    }

    public static bool IsRoot(string path) => path.Trim('/').Length == 0;

    /// <summary>The parent folder of a path ("/a/b" → "/a", "/a" → "/").</summary>
    public static string Parent(string path)
    {
        var trimmed = path.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        return slash <= 0 ? "/" : trimmed.Substring(0, slash);
    }

    public static string Name(string path)
    {
        var trimmed = path.TrimEnd('/');
        return trimmed.Substring(trimmed.LastIndexOf('/') + 1);
    }

    public static string Combine(string folder, string name) => folder.TrimEnd('/') + "/" + name;

    /// <summary>
    /// The path without its leading slash, checked: keys are flat strings, so "..", "." and empty segments would name
    /// objects that no folder lists (or, for "..", suggest a way out of the tree); they are refused.
    /// </summary>
    private static string Relative(string path)
    {
        if (path is null || !path.StartsWith("/", StringComparison.Ordinal))
            throw new FileStoreException(FileStoreError.InvalidName, "Not an absolute path.");
        var relative = path.Trim('/');
        if (relative.Length == 0) return relative;
        foreach (var segment in relative.Split('/'))
        {
            if (segment.Length == 0 || segment == "." || segment == "..")
                throw new FileStoreException(FileStoreError.InvalidName, "Invalid file name.");
        }
        return relative;
    }
}
