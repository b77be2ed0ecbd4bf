namespace FtpLite.Storage;

/// <summary>
/// Turns what the platform threw into what went wrong, in words fit for a client. The platform's own text names
/// the real path ("Access to the path '/srv/…' is denied."), so it is never passed on; the kind of failure is
/// read from the exception's type and error number instead.
/// </summary>
internal static class IoFailure
{
    // Unix error numbers (Linux, and macOS where they differ), which .NET leaves in an IOException's HResult.
    private const int Eexist = 17, Enotdir = 20, Eisdir = 21, Einval = 22, Erofs = 30, Enametoolong = 36, Enotempty = 39;
    private const int Eilseq = 84, Edquot = 122, MacEnametoolong = 63, MacEnotempty = 66, MacEdquot = 69, MacEilseq = 92;

    // Windows HRESULTs for the same conditions.
    private const int WinFileExists = unchecked((int)0x80070050), WinAlreadyExists = unchecked((int)0x800700B7);
    private const int WinWriteProtect = unchecked((int)0x80070013), WinDirNotEmpty = unchecked((int)0x80070091);
    private const int WinNameTooLong = unchecked((int)0x800700CE), WinBadName = unchecked((int)0x8007007B);

    public static FileStoreException Classify(Exception e)
    {
        if (e is FileStoreException known) return known;
        var (error, message) = e switch
        {
            FileNotFoundException or DirectoryNotFoundException => (FileStoreError.NotFound, "No such file or folder."),
            PathTooLongException => (FileStoreError.InvalidName, "The name is too long."),
            UnauthorizedAccessException => (FileStoreError.AccessDenied, "Permission denied."),
            IOException when DiskFull.Is(e) => (FileStoreError.NoSpace, "No space left on the device."),
            IOException => ByNumber(e.HResult),
            _ => (FileStoreError.Failed, "Local error in processing."),
        };
        return new FileStoreException(error, message, e);
    }

    private static (FileStoreError, string) ByNumber(int number) => number switch
    {
        Erofs or WinWriteProtect => (FileStoreError.AccessDenied, "The file system is read-only."),
        Enotdir => (FileStoreError.NotFound, "A part of the path is not a folder."),
        Eisdir => (FileStoreError.NotAFile, "That is a folder."),
        Eexist or WinFileExists or WinAlreadyExists => (FileStoreError.AlreadyExists, "It exists already."),
        Enotempty or MacEnotempty or WinDirNotEmpty => (FileStoreError.NotEmpty, "The folder is not empty."),
        Enametoolong or MacEnametoolong or WinNameTooLong => (FileStoreError.InvalidName, "The name is too long."),
        Eilseq or MacEilseq or Einval or WinBadName => (FileStoreError.InvalidName, "The file system cannot store that name."),
        Edquot or MacEdquot => (FileStoreError.NoSpace, "The disk quota is used up."),
        // Anything else (an I/O error, too many open files, a busy file) may clear: worth trying again.
        _ => (FileStoreError.Failed, "Local error in processing."),
    };
}
