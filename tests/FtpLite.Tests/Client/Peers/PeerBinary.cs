namespace FtpLite.Tests.Client.Peers;

/// <summary>
/// Finds a peer server unpacked by tests/peers/get-*.sh into the peers cache (FTPLITE_PEERS_CACHE, else
/// ~/.cache/ftplite-peers), and the library folders that came with it.
/// </summary>
internal static class PeerBinary
{
    public static string CacheFolder
    {
        get
        {
            var cache = Environment.GetEnvironmentVariable("FTPLITE_PEERS_CACHE");
            return string.IsNullOrEmpty(cache)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "ftplite-peers")
                : cache;
        }
    }

    /// <summary>The override variable's path, else the cached package's, else the installed one; null when none exists.</summary>
    public static string? Find(string overrideVariable, string package, string relativePath)
    {
        var candidates = new[]
        {
            Environment.GetEnvironmentVariable(overrideVariable),
            Path.Combine(CacheFolder, package, relativePath),
            "/" + relativePath,
        };
        return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c));
    }

    /// <summary>The unpacked package's folder ("…/pure-ftpd" for "…/pure-ftpd/usr/sbin/pure-ftpd").</summary>
    public static string PackageRoot(string binary) =>
        Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(binary)!)!)!;

    /// <summary>LD_LIBRARY_PATH with the package's lib folders first (libraries the image lacks), or null when it has none.</summary>
    public static string? LibraryPath(string binary)
    {
        var packageRoot = PackageRoot(binary);
        var folders = new List<string>();
        foreach (var lib in new[] { Path.Combine(packageRoot, "usr", "lib"), Path.Combine(packageRoot, "lib") })
        {
            if (!Directory.Exists(lib)) continue;
            folders.Add(lib);
            folders.AddRange(Directory.GetDirectories(lib, "*-linux-gnu*"));
        }
        if (folders.Count == 0) return null;
        var existing = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
        return string.Join(":", folders) + (string.IsNullOrEmpty(existing) ? "" : ":" + existing);
    }
}
