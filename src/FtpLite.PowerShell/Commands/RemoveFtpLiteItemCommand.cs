using System.Management.Automation;
using FtpLite.Client;
using FtpLite.PowerShell.Arguments;
using FtpLite.PowerShell.Infrastructure;

namespace FtpLite.PowerShell.Commands;

/// <summary>Remove-FtpLiteItem: deletes remote files, and folders (a folder with contents only with -Recurse).</summary>
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
                var contents = ListRemote(item.FullName);
                if (contents is null) continue;
                if (contents.Count > 0 && !Recurse)
                {
                    WriteFtpError($"'{item.FullName}' is not empty; add -Recurse to remove it with its contents.", ErrorIds.DirectoryNotEmpty, ErrorCategory.InvalidOperation, item.FullName);
                    continue;
                }
                RemoveFolder(item.FullName, contents, 0);
            }
        }
    }

    /// <summary>Deletes a folder's files and subfolders, then the folder; stops at the first failure inside it.</summary>
    private bool RemoveFolder(string folder, IReadOnlyList<FtpListItem> contents, int depth)
    {
        if (depth > MaxDepth)
        {
            WriteFtpError($"'{folder}' is nested more than {MaxDepth} folders deep (a link loop?); not removed.", ErrorIds.RemoteOperationFailed, ErrorCategory.LimitsExceeded, folder);
            return false;
        }
        foreach (var item in contents)
        {
            if (item.IsDirectory)
            {
                var inner = ListRemote(item.FullName);
                if (inner is null || !RemoveFolder(item.FullName, inner, depth + 1)) return false;
            }
            else if (!TryRun((_, token) => Client.DeleteFileAsync(item.FullName, token), ErrorIds.RemoteOperationFailed, Describe(item.FullName), $"Removing '{item.FullName}'"))
            {
                return false;
            }
        }
        return TryRun((_, token) => Client.DeleteDirectoryAsync(folder, token), ErrorIds.RemoteOperationFailed, Describe(folder), $"Removing '{folder}'");
    }
}
