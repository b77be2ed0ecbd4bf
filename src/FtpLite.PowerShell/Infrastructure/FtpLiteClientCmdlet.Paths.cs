using System.Management.Automation;
using FtpLite.Client;
using FtpLite.PowerShell.Client;

namespace FtpLite.PowerShell.Infrastructure;

/// <summary>Local and remote paths as the client cmdlets take them: wildcards expanded, misses reported per item.</summary>
public abstract partial class FtpLiteClientCmdlet
{
    /// <summary>Deepest folder tree -Recurse walks; deeper means a link loop on the server, not a real tree.</summary>
    private protected const int MaxDepth = FtpClient.DefaultTreeDepth;

    /// <summary>
    /// The items a remote path names. '*' and '?' in the last segment are expanded by listing the parent (no match is
    /// no error, as with local wildcards); a backtick escapes a character; a plain path naming nothing is a
    /// non-terminating FtpLite.RemoteItemNotFound. A <paramref name="literal"/> path (-LiteralPath, or a listing item's
    /// FullName) is taken as it is.
    /// </summary>
    private protected IReadOnlyList<FtpListItem> ExpandRemote(string path, bool literal = false)
    {
        var full = Resolve(path);
        var name = RemotePath.GetFileName(full);
        if (!literal && RemoteWildcard.Has(name))
        {
            var parent = RemoteWildcard.Unescape(RemotePath.GetDirectoryName(full) ?? RemotePath.Root);
            if (!TryRun((_, token) => Client.ListAsync(parent, token), ErrorIds.RemoteOperationFailed, Describe(parent), $"Listing '{parent}'", out var items))
                return Array.Empty<FtpListItem>();
            var pattern = RemoteWildcard.Create(name);
            return items.Where(i => pattern.IsMatch(i.Name)).OrderBy(i => i.Name, StringComparer.Ordinal).ToArray();
        }

        if (!literal) full = RemoteWildcard.Unescape(full);
        if (!TryRun((_, token) => Client.GetItemAsync(full, token), ErrorIds.RemoteOperationFailed, Describe(full), $"Looking up '{full}'", out var item))
            return Array.Empty<FtpListItem>();
        if (item is null)
        {
            WriteFtpError($"'{full}' does not exist on {Describe(RemotePath.Root)}.", ErrorIds.RemoteItemNotFound, ErrorCategory.ObjectNotFound, full);
            return Array.Empty<FtpListItem>();
        }
        return new[] { item };
    }

    /// <summary>A remote directory's entries, by name; null (after a non-terminating error) when it cannot be listed.</summary>
    private protected IReadOnlyList<FtpListItem>? ListRemote(string directory)
    {
        if (!TryRun((_, token) => Client.ListAsync(directory, token), ErrorIds.RemoteOperationFailed, Describe(directory), $"Listing '{directory}'", out var items))
            return null;
        return items.OrderBy(i => i.Name, StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// File-system paths for -Path (wildcards, expanded through the provider) or -LiteralPath. A missing item is a
    /// non-terminating FtpLite.LocalItemNotFound; a wildcard matching nothing is silent.
    /// </summary>
    private protected IReadOnlyList<string> ResolveLocal(string path, bool literal)
    {
        try
        {
            ProviderInfo provider;
            IReadOnlyList<string> paths;
            if (literal)
            {
                var one = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
                if (!File.Exists(one) && !Directory.Exists(one)) throw new ItemNotFoundException($"Cannot find path '{one}' because it does not exist.");
                paths = new[] { one };
            }
            else
            {
                paths = SessionState.Path.GetResolvedProviderPathFromPSPath(path, out provider).ToArray();
            }
            if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
            {
                WriteFtpError($"'{path}' is not a file-system path.", ErrorIds.LocalItemNotFound, ErrorCategory.InvalidArgument, path);
                return Array.Empty<string>();
            }
            return paths;
        }
        catch (Exception e) when (e is ItemNotFoundException or System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or NotSupportedException)
        {
            WriteFtpError(e, ErrorIds.LocalItemNotFound, path, ErrorCategory.ObjectNotFound, e.Message);
            return Array.Empty<string>();
        }
    }

    /// <summary>A local folder for -Destination: resolved through the provider, not required to exist.</summary>
    private protected string ResolveLocalDestination(string? path)
    {
        if (path is null) return SessionState.Path.CurrentFileSystemLocation.ProviderPath;
        var full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
        if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
            ThrowFtpError($"-Destination '{path}' is not a file-system path.", ErrorIds.InvalidDestination, ErrorCategory.InvalidArgument, path);
        return full;
    }

    /// <summary>False under $ProgressPreference = 'SilentlyContinue' (or Ignore): then no record is even built.</summary>
    private protected bool ProgressEnabled
    {
        get
        {
            var preference = GetVariableValue("ProgressPreference")?.ToString();
            return !string.Equals(preference, nameof(ActionPreference.SilentlyContinue), StringComparison.OrdinalIgnoreCase)
                && !string.Equals(preference, "Ignore", StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>A name from a remote listing that cannot be a local file name (a '\' or ':' on Windows, say) is refused, not mangled.</summary>
    private protected bool IsLocalName(string name) =>
        name.Length > 0 && name != "." && name != ".." && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0;
}
