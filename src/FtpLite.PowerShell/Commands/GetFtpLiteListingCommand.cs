using System.Management.Automation;
using FtpLite.Client;
using FtpLite.PowerShell.Infrastructure;

namespace FtpLite.PowerShell.Commands;

/// <summary>
/// Get-FtpLiteListing: the items of remote folders (MLSD, else LIST), or the file a path names. Wildcards in the last
/// segment are expanded; -Recurse walks the subfolders. Items pipe to Receive-FtpLiteFile and Remove-FtpLiteItem.
/// </summary>
[Cmdlet(VerbsCommon.Get, "FtpLiteListing")]
[OutputType(typeof(FtpListItem))]
public sealed class GetFtpLiteListingCommand : FtpLiteClientCmdlet
{
    /// <summary>Remote paths; the working directory when not given.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>Lists subfolders too, depth first, each item once.</summary>
    [Parameter]
    public SwitchParameter Recurse { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var path in Path ?? new[] { Client.WorkingDirectory })
        {
            var full = Resolve(path);
            var named = ExpandRemote(path);
            // A folder named as such lists its contents; items a wildcard matched are written as themselves.
            if (named.Count == 1 && named[0].IsDirectory && !RemoteWildcard(full))
            {
                WriteFolder(named[0].FullName, 0);
                continue;
            }
            foreach (var item in named)
            {
                WriteObject(item);
                if (Recurse && item.IsDirectory) WriteFolder(item.FullName, 1);
            }
        }
    }

    private void WriteFolder(string folder, int depth)
    {
        var items = ListRemote(folder);
        if (items is null) return;
        foreach (var item in items)
        {
            WriteObject(item);
            if (!Recurse || !item.IsDirectory) continue;
            if (depth >= MaxDepth)
                WriteFtpError($"'{item.FullName}' is nested more than {MaxDepth} folders deep (a link loop?); not listed.", ErrorIds.RemoteOperationFailed, ErrorCategory.LimitsExceeded, item.FullName);
            else
                WriteFolder(item.FullName, depth + 1);
        }
    }

    private static bool RemoteWildcard(string path) => PowerShell.Client.RemoteWildcard.Has(RemotePath.GetFileName(path));
}
