namespace FtpLite.Storage;

/// <summary>Tells a full disk from other I/O failures, so that the client hears 452 and can try again later.</summary>
internal static class DiskFull
{
    private const int UnixNoSpace = 28;                               // ENOSPC
    private const int WindowsDiskFull = unchecked((int)0x80070070);   // ERROR_DISK_FULL
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);

    public static bool Is(Exception e) =>
        e is IOException && (e.HResult == UnixNoSpace || e.HResult == WindowsDiskFull || e.HResult == WindowsHandleDiskFull
            || e.Message.IndexOf("No space left", StringComparison.OrdinalIgnoreCase) >= 0);
}
