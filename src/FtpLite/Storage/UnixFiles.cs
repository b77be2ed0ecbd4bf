using System.Runtime.InteropServices;

namespace FtpLite.Storage;

/// <summary>What a path is, as far as serving it goes.</summary>
internal enum FileKind
{
    Missing,
    Regular,
    Directory,

    /// <summary>A FIFO, a device or a socket: opening one can block forever, and it has no content to serve.</summary>
    Special,
}

/// <summary>
/// The Unix facts .NET does not report: a file's type (FIFO, device, socket), its owner and group, and its mode on
/// the netstandard2.0 build. Linux is asked through statx(2), whose struct has one layout on every architecture (stat's
/// differs between x64 and arm64); elsewhere these answers fall back to what .NET tells (type: file or folder only).
/// </summary>
internal static class UnixFiles
{
    private const int AtFdCwd = -100;
    private const uint StatxWanted = 0x1 | 0x2 | 0x8 | 0x10 | 0x100; // STATX_TYPE | STATX_MODE | STATX_UID | STATX_GID | STATX_INO
    private const int TypeMask = 0xF000;  // S_IFMT
    private const int TypeRegular = 0x8000;
    private const int TypeDirectory = 0x4000;

    private static readonly bool IsLinux = RuntimeInformation.IsOSPlatform(OSPlatform.Linux);
    private static bool _statxMissing;

    /// <summary>What stat found: the type bits, permission bits (07777), owner and group, and which file it is.</summary>
    internal readonly struct Stat
    {
        public Stat(int mode, uint owner, uint group, ulong inode, ulong device)
        {
            Mode = mode;
            Owner = owner;
            Group = group;
            Inode = inode;
            Device = device;
        }

        public ulong Inode { get; }
        public ulong Device { get; }

        /// <summary>True when both name the same file (whatever paths led to it).</summary>
        public bool IsSameFile(Stat other) => Inode == other.Inode && Device == other.Device;

        public int Mode { get; }
        public int Permissions => Mode & 0xFFF;
        public uint Owner { get; }
        public uint Group { get; }
    }

    /// <summary>The kind of what <paramref name="path"/> finally names (links followed).</summary>
    public static FileKind KindOf(string path)
    {
        if (TryStat(path, out var stat))
        {
            return (stat.Mode & TypeMask) switch
            {
                TypeRegular => FileKind.Regular,
                TypeDirectory => FileKind.Directory,
                _ => FileKind.Special,
            };
        }
        if (Directory.Exists(path)) return FileKind.Directory;
        return File.Exists(path) ? FileKind.Regular : FileKind.Missing;
    }

    /// <summary>stat of <paramref name="path"/>, links followed; false where it cannot be told (not Linux, no statx, no file).</summary>
    public static bool TryStat(string path, out Stat stat)
    {
        stat = default;
        if (!IsLinux || _statxMissing) return false;
        var buffer = new byte[256];
        try
        {
            if (statx(AtFdCwd, path, 0, StatxWanted, buffer) != 0) return false;
        }
        catch (EntryPointNotFoundException)
        {
            _statxMissing = true; // A C library older than glibc 2.28: fall back for good.
            return false;
        }
        // struct statx: uid at 20, gid at 24, mode at 28, ino at 32, dev_major and dev_minor at 136 and 140.
        var device = ((ulong)BitConverter.ToUInt32(buffer, 136) << 32) | BitConverter.ToUInt32(buffer, 140);
        stat = new Stat(BitConverter.ToUInt16(buffer, 28), BitConverter.ToUInt32(buffer, 20), BitConverter.ToUInt32(buffer, 24),
            BitConverter.ToUInt64(buffer, 32), device);
        return true;
    }

    /// <summary>The permission bits (07777) of a file, or null where they cannot be told.</summary>
    public static int? PermissionsOf(string path)
    {
        if (TryStat(path, out var stat)) return stat.Permissions;
#if NET8_0_OR_GREATER
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                return (int)File.GetUnixFileMode(path);
            }
            catch (IOException)
            {
                return null;
            }
        }
#endif
        return null;
    }

    /// <summary>Sets the permission bits; false where it cannot (Windows, or refused).</summary>
    public static bool TrySetPermissions(string path, int permissions)
    {
#if NET8_0_OR_GREATER
        if (OperatingSystem.IsWindows()) return false;
        try
        {
            File.SetUnixFileMode(path, (UnixFileMode)permissions);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
#else
        if (!IsLinux) return false;
        return chmod(path, (uint)permissions) == 0;
#endif
    }

    /// <summary>
    /// Gives <paramref name="path"/> the owner and group of <paramref name="model"/> where this process may: any owner as
    /// root, otherwise only a group it belongs to. Linux only (the owner comes from statx).
    /// </summary>
    public static void TryCopyOwner(Stat model, string path)
    {
        if (!TryStat(path, out var current) || (current.Owner == model.Owner && current.Group == model.Group)) return;
        if (chown(path, model.Owner, model.Group) == 0) return;
        chown(path, uint.MaxValue, model.Group); // Not root: keep our own user, try the group alone (-1 leaves the owner).
    }

#pragma warning disable IDE1006, SYSLIB1054 // libc's names; DllImport works on both targets.
    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, string path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", SetLastError = true)]
    private static extern int chown(string path, uint owner, uint group);

#if !NET8_0_OR_GREATER
    [DllImport("libc", SetLastError = true)]
    private static extern int chmod(string path, uint mode);
#endif
#pragma warning restore IDE1006, SYSLIB1054
}
