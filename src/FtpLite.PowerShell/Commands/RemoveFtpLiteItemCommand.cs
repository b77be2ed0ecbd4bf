using System.Management.Automation;
using FtpLite.Client;
using FtpLite.PowerShell.Arguments;
using FtpLite.PowerShell.Infrastructure;

namespace FtpLite.PowerShell.Commands;

/// <summary>
/// Remove-FtpLiteItem: deletes remote files, and folders (a folder with contents only with -Recurse, which is the
/// library's <see cref="FtpClient.DeleteTreeAsync"/>: deepest first, links deleted as entries, at most 64 levels).
/// </summary>
[Cmdlet(VerbsCommon.Remove, "FtpLiteItem", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RemoveFtpLiteItemCommand : FtpLiteClientCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    /// <summary>Remote paths; '*' and '?' in the last segment are wildcards.</summary>
    [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RemotePathCompleter))]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>Remote paths taken as they are; binds from listing items' FullName.</summary>
    [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "LP")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RemotePathCompleter))]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>Deletes folders with everything in them.</summary>
    [Parameter]
    public SwitchParameter Recurse { get; set; }

    protected override void ProcessRecord()
    {
        var literal = ParameterSetName == LiteralPathSet;
        foreach (var path in literal ? LiteralPath : Path)
        {
            foreach (var item in ExpandRemote(path, literal))
            {
                if (item.FullName == RemotePath.Root)
                {
                    WriteFtpError("The server's root folder cannot be removed.", ErrorIds.RemoteOperationFailed, ErrorCategory.InvalidArgument, item.FullName);
                    continue;
                }
                if (!ShouldProcess(Describe(item.FullName), item.IsDirectory ? "Remove directory" : "Remove file")) continue;
                if (!item.IsDirectory)
                {
                    TryRun((_, token) => Client.DeleteFileAsync(item.FullName, token), ErrorIds.RemoteOperationFailed, Describe(item.FullName), $"Removing '{item.FullName}'");
                    continue;
                }
                if (Recurse)
                {
                    RemoveTree(item.FullName);
                    continue;
                }
                var contents = ListRemote(item.FullName);
                if (contents is null) continue;
                if (contents.Count > 0)
                {
                    WriteFtpError($"'{item.FullName}' is not empty; add -Recurse to remove it with its contents.", ErrorIds.DirectoryNotEmpty, ErrorCategory.InvalidOperation, item.FullName);
                    continue;
                }
                TryRun((_, token) => Client.DeleteDirectoryAsync(item.FullName, token), ErrorIds.RemoteOperationFailed, Describe(item.FullName), $"Removing '{item.FullName}'");
            }
        }
    }

    /// <summary>
    /// The library's rm -r: nothing is removed when the tree is too deep or a folder cannot be listed; a refused delete
    /// stops it, its message naming the path. Each is one non-terminating error, and the next named item is tried.
    /// </summary>
    private void RemoveTree(string folder)
    {
        try
        {
            RunAsync((_, token) => Client.DeleteTreeAsync(folder, MaxDepth, token));
        }
        catch (FtpTreeException e) when (e.TooDeep)
        {
            var deep = RemotePath.Combine(folder, e.RelativePath);
            WriteFtpError(e, ErrorIds.RemoteOperationFailed, deep, ErrorCategory.LimitsExceeded,
                $"'{deep}' is nested more than {MaxDepth} folders deep (a link loop?); nothing under '{folder}' was removed.");
        }
        catch (FtpTreeException e)
        {
            // A folder the server would not list: its reason (not found, permission denied) picks the id and category.
            var reason = e.InnerException is FtpException inner ? inner : (Exception)e;
            WriteFtpError(e, ErrorMapping.IdOf(reason, ErrorIds.RemoteOperationFailed), Describe(folder), ErrorMapping.CategoryOf(reason),
                $"Removing '{folder}' failed: {e.Message}");
        }
        catch (Exception e) when (e is FtpException or IOException or UnauthorizedAccessException or TimeoutException or System.Net.Sockets.SocketException)
        {
            WriteFtpError(e, ErrorMapping.IdOf(e, ErrorIds.RemoteOperationFailed), Describe(folder), message: $"Removing '{folder}' failed: {e.Message}");
        }
    }
}
