namespace FtpLite.Client;

/// <summary>Remote paths: always "/"-separated, absolute from the server's root once resolved.</summary>
public static class RemotePath
{
    public const string Root = "/";

    public static bool IsAbsolute(string path) => path.StartsWith("/", StringComparison.Ordinal);

    /// <summary>Joins a directory and a name with one slash; an absolute <paramref name="name"/> wins.</summary>
    public static string Combine(string directory, string name)
    {
        if (name.Length == 0) return directory;
        if (IsAbsolute(name) || directory.Length == 0) return name;
        return directory.EndsWith("/", StringComparison.Ordinal) ? directory + name : directory + "/" + name;
    }

    /// <summary>
    /// Makes <paramref name="path"/> absolute against <paramref name="workingDirectory"/> and removes ".", ".." and doubled slashes.
    /// ".." at the root stays at the root, as servers treat it.
    /// </summary>
    public static string Resolve(string workingDirectory, string path)
    {
        var full = IsAbsolute(path) ? path : Combine(IsAbsolute(workingDirectory) ? workingDirectory : "/" + workingDirectory, path);
        var parts = new List<string>();
        foreach (var part in full.Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == "..")
            {
                if (parts.Count > 0) parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        return "/" + string.Join("/", parts);
    }

    /// <summary>The last segment ("b" for "/a/b" and "/a/b/"); empty for the root.</summary>
    public static string GetFileName(string path)
    {
        var trimmed = path.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        return slash < 0 ? trimmed : trimmed.Substring(slash + 1);
    }

    /// <summary>The parent directory ("/a" for "/a/b", "/" for "/a"); null for the root or a bare name.</summary>
    public static string? GetDirectoryName(string path)
    {
        var trimmed = path.TrimEnd('/');
        if (trimmed.Length == 0) return null;
        var slash = trimmed.LastIndexOf('/');
        if (slash < 0) return null;
        return slash == 0 ? Root : trimmed.Substring(0, slash);
    }
}
