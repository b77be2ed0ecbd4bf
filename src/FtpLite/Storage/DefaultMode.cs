namespace FtpLite.Storage;

/// <summary>
/// The mode a new file gets in this process: 0666 less the umask. Upload temporaries are kept at 0600 while written
/// (their content is nobody else's business yet), so the mode a new file should end with is worked out here.
/// </summary>
internal static class DefaultMode
{
    private const int ReadWriteForAll = 0x1B6; // 0666
    private const int Fallback = 0x1A4;        // 0644, the mode under the common umask 022

    private static readonly Lazy<int> Value = new(Read);

    public static int Permissions => Value.Value;

    public const int OwnerOnly = 0x180; // 0600

    // Linux shows the umask in /proc/self/status (since 4.7); reading it does not change it, unlike umask(2).
    private static int Read()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (!line.StartsWith("Umask:", StringComparison.Ordinal)) continue;
                return ReadWriteForAll & ~Convert.ToInt32(line.Substring("Umask:".Length).Trim(), 8);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
        }
        return Fallback;
    }
}
