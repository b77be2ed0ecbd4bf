#if NET8_0_OR_GREATER
using System.IO.Enumeration;
#endif
using FtpLite.Protocol;

namespace FtpLite.Storage;

/// <summary>
/// Reads a folder's entries one at a time, with what a listing shows of each. On net8.0 each entry's size and time
/// come from the directory read itself (stat by the name's own bytes), so a file whose name is not valid UTF-8,
/// which no .NET path string can reach, is still listed as what it is.
/// </summary>
internal static class FolderReader
{
    /// <summary>One item per directory entry; null for one to hide. Links go to <paramref name="resolveLink"/> (full path, name).</summary>
    public static IEnumerable<FileStoreEntry?> Read(string physicalFolder, string directory, Func<string, bool> hide,
        Func<string, string, FileStoreEntry?> resolveLink)
    {
#if NET8_0_OR_GREATER
        // The options of DirectoryInfo.EnumerateFileSystemInfos(): hidden and system entries too, errors thrown.
        var options = new EnumerationOptions { IgnoreInaccessible = false, AttributesToSkip = 0, RecurseSubdirectories = false };
        return new FileSystemEnumerable<FileStoreEntry?>(physicalFolder, (ref FileSystemEntry item) =>
        {
            var name = item.FileName.ToString();
            if (hide(name)) return null;
            if ((item.Attributes & FileAttributes.ReparsePoint) != 0) return resolveLink(item.ToFullPath(), name);
            return new FileStoreEntry(name, VirtualPath.Combine(directory, name), item.IsDirectory,
                item.IsDirectory ? 0 : item.Length, item.LastWriteTimeUtc.UtcDateTime);
        }, options);
#else
        return new DirectoryInfo(physicalFolder).EnumerateFileSystemInfos().Select(item =>
        {
            if (hide(item.Name)) return null;
            // A name this runtime cannot turn back into a path (not valid UTF-8): shown, with nothing known of it.
            // (Its attributes then read as -1, where a broken link still reads as a link.)
            if ((int)item.Attributes == -1) return new FileStoreEntry(item.Name, VirtualPath.Combine(directory, item.Name), false, 0, DateTime.MinValue);
            if ((item.Attributes & FileAttributes.ReparsePoint) != 0) return resolveLink(item.FullName, item.Name);
            var isDirectory = item is DirectoryInfo;
            return new FileStoreEntry(item.Name, VirtualPath.Combine(directory, item.Name), isDirectory,
                isDirectory ? 0 : ((FileInfo)item).Length, item.LastWriteTimeUtc);
        });
#endif
    }
}
