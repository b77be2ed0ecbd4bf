using FtpLite.Client;

namespace FtpLite.Cli.Client;

/// <summary>Where uploads land: the login folder, a folder given with --to, or (one file) the exact name --to gives.</summary>
internal static class RemoteTargets
{
    /// <summary>One remote path per local file; null when several files were given and --to is not a folder.</summary>
    public static async Task<IReadOnlyList<string>?> ForUploadAsync(FtpClient client, string? to, IReadOnlyList<string> locals, CancellationToken cancel)
    {
        var names = locals.Select(Path.GetFileName).Select(n => n!).ToList();
        if (to is null) return names;
        if (to.EndsWith("/", StringComparison.Ordinal)) return names.Select(n => RemotePath.Combine(to, n)).ToList();
        var item = await client.GetItemAsync(to, cancel).ConfigureAwait(false);
        if (item is { IsDirectory: true }) return names.Select(n => RemotePath.Combine(to, n)).ToList();
        return locals.Count == 1 ? new[] { to } : null;
    }
}
