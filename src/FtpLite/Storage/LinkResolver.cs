using System.Reflection;

namespace FtpLite.Storage;

/// <summary>
/// Resolves a symbolic link to its final target. netstandard2.0 has no API for it, so the runtime's own
/// (.NET 6+: FileSystemInfo.ResolveLinkTarget) is found by reflection; where it is missing, links are not followed at all.
/// </summary>
internal static class LinkResolver
{
    private static readonly MethodInfo? Resolve =
        typeof(FileSystemInfo).GetMethod("ResolveLinkTarget", new[] { typeof(bool) });

    private static readonly PropertyInfo? LinkTargetProperty = typeof(FileSystemInfo).GetProperty("LinkTarget");

    /// <summary>The text of one link (readlink), not followed further; null where it cannot be read.</summary>
    public static string? LinkText(string linkPath)
    {
        if (LinkTargetProperty is null) return null;
        try
        {
            return (string?)LinkTargetProperty.GetValue(new FileInfo(linkPath));
        }
        catch (TargetInvocationException)
        {
            return null;
        }
    }

    /// <summary>The full path the link finally leads to, or null when it cannot be told (or the link is broken).</summary>
    public static string? FinalTarget(string linkPath)
    {
        if (Resolve is null) return null;
        try
        {
            var target = (FileSystemInfo?)Resolve.Invoke(new FileInfo(linkPath), new object[] { true });
            return target is null ? null : Path.GetFullPath(target.FullName);
        }
        catch (TargetInvocationException)
        {
            return null;
        }
    }
}
