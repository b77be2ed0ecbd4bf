using System.Management.Automation;
using FtpLite.Client;
using FtpLite.PowerShell.Infrastructure;

namespace FtpLite.PowerShell.Commands;

/// <summary>
/// New-FtpLiteDirectory: creates remote folders, with missing parents, and writes each as a listing item, as New-Item
/// writes what it made (the new object is the result, so no -PassThru).
/// </summary>
[Cmdlet(VerbsCommon.New, "FtpLiteDirectory", SupportsShouldProcess = true)]
[OutputType(typeof(FtpLiteItem))]
public sealed class NewFtpLiteDirectoryCommand : FtpLiteClientCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>An existing folder is written as it is instead of being an error.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var path in Path)
        {
            var full = Resolve(path);
            if (!TryRun((_, token) => Client.GetItemAsync(full, token), ErrorIds.RemoteOperationFailed, Describe(full), $"Looking up '{full}'", out var existing))
                continue;
            if (existing is not null)
            {
                if (existing.IsDirectory && Force) WriteObject(new FtpLiteItem(existing));
                else WriteFtpError($"'{Describe(full)}' already exists.", ErrorIds.TargetExists, ErrorCategory.ResourceExists, Describe(full));
                continue;
            }
            if (!ShouldProcess(Describe(full), "Create directory")) continue;
            if (TryRun(async (_, token) => await CreateAsync(full, token).ConfigureAwait(false), ErrorIds.RemoteOperationFailed, Describe(full), $"Creating '{full}'", out var created))
                WriteObject(new FtpLiteItem(created));
        }
    }

    /// <summary>MKD for each missing folder from the root down, then the new folder as the server lists it.</summary>
    private async Task<FtpListItem> CreateAsync(string full, CancellationToken token)
    {
        var path = RemotePath.Root;
        foreach (var segment in full.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries))
        {
            path = RemotePath.Combine(path, segment);
            if (await Client.GetItemAsync(path, token).ConfigureAwait(false) is null)
                await Client.CreateDirectoryAsync(path, token).ConfigureAwait(false);
        }
        return await Client.GetItemAsync(full, token).ConfigureAwait(false)
            ?? new FtpListItem(RemotePath.GetFileName(full), full, FtpItemType.Directory);
    }
}
