namespace FtpLite.Tests.Client.Peers;

/// <summary>
/// The password account the stock servers (pure-ftpd, ProFTPD) are started with: a real login, mapped to the
/// unprivileged system user nobody (65534), as both refuse to serve files as root.
/// </summary>
internal static class PeerAccount
{
    public const string UserName = "ftplite";
    public const string Password = "peer-pass-1";

    /// <summary>
    /// SHA-512 crypt of <see cref="Password"/> ("openssl passwd -6 -salt ftplitepeers"), written here once so a test
    /// needs no openssl program; both servers check it with crypt(3). pure-pw's own hash (argon2, 1023 rounds)
    /// made each login take over four seconds.
    /// </summary>
    public const string CryptHash = "$6$ftplitepeers$RyAaei1Ce6tZw2DffeVls.W1okHjOYTi72Qjq0R0GnfM07HS5xeHO/ZhKFHo.YcPSAdGoPMLV7AFEpg8VkLjO1";

    public const int Uid = 65534;
    public const int Gid = 65534;

    /// <summary>Both servers start as root to chroot and switch to the account's user: without root they cannot run.</summary>
    public static bool RunningAsRoot => Environment.UserName == "root";

    /// <summary>Lets nobody write in a folder the test (as root) created: the server's scratch root.</summary>
    public static void OpenToEveryone(string folder)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, (UnixFileMode)0x1FF); // 0777
    }

    /// <summary>A file the test put in the root, made writable for nobody too (resumed uploads extend it).</summary>
    public static void OpenFileToEveryone(string file)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, (UnixFileMode)0x1B6); // 0666
    }

    /// <summary>Only the owner may read it: ProFTPD refuses user files that others can read.</summary>
    public static void CloseToOthers(string file)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
