using System.Collections.Concurrent;
using System.Management.Automation;
using FtpLite.Client;
using FtpLite.PowerShell.Arguments;
using FtpLite.PowerShell.Infrastructure;

namespace FtpLite.PowerShell.Commands;

/// <summary>
/// Get-FtpLiteListing: the items of remote folders (MLSD, else LIST), or the file a path names. Wildcards in the last
/// segment are expanded; -Recurse walks the subfolders with the library's walk (<see cref="FtpClient.WalkFoldersAsync"/>:
/// 64 levels at most, links not followed). Items pipe to Receive-FtpLiteFile and Remove-FtpLiteItem.
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
                WriteFolder(named[0].FullName);
                continue;
            }
            var ordered = FoldersFirst(named);
            foreach (var item in ordered) WriteObject(new FtpLiteItem(item));
            if (!Recurse) continue;
            foreach (var folder in ordered.Where(i => i.IsDirectory)) WriteFolder(folder.FullName);
        }
    }

    /// <summary>A folder's items; with -Recurse, its tree, walked by the library (<see cref="WriteTree"/>).</summary>
    private void WriteFolder(string folder)
    {
        if (Recurse)
        {
            WriteTree(folder);
            return;
        }
        var items = ListRemote(folder);
        if (items is null) return;
        foreach (var item in FoldersFirst(items)) WriteObject(new FtpLiteItem(item));
    }

    /// <summary>
    /// The tree under <paramref name="folder"/> through <see cref="FtpClient.WalkFoldersAsync"/>, which owns the recursion
    /// and the depth bound. Its callbacks run on the walk's thread, so they only queue what they get; the pipeline thread
    /// pumps the queue while the walk goes on and writes each folder's items (folders first) as soon as it is listed. A
    /// folder too deep or refused is a non-terminating error in its place, and the walk goes on.
    /// </summary>
    private void WriteTree(string folder)
    {
        var listed = new ConcurrentQueue<object>();
        using var messages = new PipelineMessages();
        var token = CancellationToken;
        var walk = Task.Run(() => Client.WalkFoldersAsync(folder, MaxDepth,
            f =>
            {
                listed.Enqueue(f);
                messages.Wake();
            },
            e =>
            {
                listed.Enqueue(e);
                messages.Wake();
            }, token), token);

        void WriteListed()
        {
            while (listed.TryDequeue(out var next))
            {
                if (next is FtpTreeFolder tree)
                {
                    foreach (var item in FoldersFirst(tree.Items)) WriteObject(new FtpLiteItem(item));
                }
                else
                {
                    WriteNotWalked(folder, (FtpTreeException)next);
                }
            }
        }

        try
        {
            Pump(walk, messages, untilStopped: false, onPump: WriteListed);
        }
        catch (Exception e) when (e is FtpException or IOException or UnauthorizedAccessException or TimeoutException or System.Net.Sockets.SocketException)
        {
            WriteListed();
            WriteFtpError(e, ErrorMapping.IdOf(e, ErrorIds.RemoteOperationFailed), Describe(folder), message: $"Listing '{folder}' failed: {e.Message}");
        }
    }

    private void WriteNotWalked(string root, FtpTreeException error)
    {
        var folder = RemotePath.Combine(root, error.RelativePath);
        if (error.TooDeep)
        {
            WriteFtpError(error, ErrorIds.RemoteOperationFailed, folder, ErrorCategory.LimitsExceeded,
                $"'{folder}' is nested more than {MaxDepth} folders deep (a link loop?); not listed.");
            return;
        }
        // Refused by the server: its reason (not found, permission denied) picks the id and category, as a plain listing's.
        var reason = error.InnerException ?? error;
        WriteFtpError(reason, ErrorMapping.IdOf(reason, ErrorIds.RemoteOperationFailed), Describe(folder), message: $"Listing '{folder}' failed: {reason.Message}");
    }

    private static IReadOnlyList<FtpListItem> FoldersFirst(IEnumerable<FtpListItem> items) =>
        items.OrderBy(i => i.IsDirectory ? 0 : 1).ThenBy(i => i.Name, StringComparer.Ordinal).ToArray();
}
