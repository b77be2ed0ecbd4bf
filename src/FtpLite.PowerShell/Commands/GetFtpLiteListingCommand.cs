using System.Management.Automation;
using FtpLite.Client;
using FtpLite.PowerShell.Arguments;
using FtpLite.PowerShell.Infrastructure;

namespace FtpLite.PowerShell.Commands;

/// <summary>
/// Get-FtpLiteListing: the items of remote folders (MLSD, else LIST), or the file a path names. Wildcards in the last
/// segment are expanded; -Recurse walks the subfolders. Items pipe to Receive-FtpLiteFile and Remove-FtpLiteItem.
/// Each folder's items come out together, folders first, then its subfolders' (as Get-ChildItem -Recurse writes them),
/// so the table view's "Directory:" groups are whole.
/// </summary>
[Cmdlet(VerbsCommon.Get, "FtpLiteListing", DefaultParameterSetName = PathSet)]
[OutputType(typeof(FtpLiteItem))]
public sealed class GetFtpLiteListingCommand : FtpLiteClientCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    /// <summary>Remote paths; the working directory when not given.</summary>
    [Parameter(ParameterSetName = PathSet, Position = 0, ValueFromPipeline = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RemotePathCompleter))]
    public string[]? Path { get; set; }

    /// <summary>Remote paths taken as they are, wildcard characters and backticks included; binds from listing items' FullName.</summary>
    [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "LP")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RemotePathCompleter))]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>Lists subfolders too, each item once.</summary>
    [Parameter]
    public SwitchParameter Recurse { get; set; }

    protected override void ProcessRecord()
    {
        var literal = ParameterSetName == LiteralPathSet;
        foreach (var path in literal ? LiteralPath : Path ?? new[] { Client.WorkingDirectory })
        {
            var wildcard = !literal && PowerShell.Client.RemoteWildcard.Has(RemotePath.GetFileName(Resolve(path)));
            var named = ExpandRemote(path, literal);
            // A folder named as such lists its contents; items a wildcard matched are written as themselves.
            if (named.Count == 1 && named[0].IsDirectory && !wildcard)
            {
                WriteFolder(named[0].FullName, 0);
                continue;
            }
            var ordered = FoldersFirst(named);
            foreach (var item in ordered) WriteObject(new FtpLiteItem(item));
            if (!Recurse) continue;
            foreach (var folder in ordered.Where(i => i.IsDirectory)) WriteFolder(folder.FullName, 1);
        }
    }

    private void WriteFolder(string folder, int depth)
    {
        var items = ListRemote(folder);
        if (items is null) return;
        var ordered = FoldersFirst(items);
        foreach (var item in ordered) WriteObject(new FtpLiteItem(item));
        if (!Recurse) return;
        foreach (var sub in ordered.Where(i => i.IsDirectory))
        {
            if (depth >= MaxDepth)
                WriteFtpError($"'{sub.FullName}' is nested more than {MaxDepth} folders deep (a link loop?); not listed.", ErrorIds.RemoteOperationFailed, ErrorCategory.LimitsExceeded, sub.FullName);
            else
                WriteFolder(sub.FullName, depth + 1);
        }
    }

    private static IReadOnlyList<FtpListItem> FoldersFirst(IEnumerable<FtpListItem> items) =>
        items.OrderBy(i => i.IsDirectory ? 0 : 1).ThenBy(i => i.Name, StringComparer.Ordinal).ToArray();
}
