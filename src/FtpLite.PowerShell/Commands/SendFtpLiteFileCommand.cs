using System.Management.Automation;
using FtpLite.Client;
using FtpLite.PowerShell.Arguments;
using FtpLite.PowerShell.Client;
using FtpLite.PowerShell.Infrastructure;

namespace FtpLite.PowerShell.Commands;

/// <summary>
/// Send-FtpLiteFile: uploads local files (and, with -Recurse, folders with their trees) into a remote folder; with
/// -PassThru, a transfer result per file. An existing remote file is an error unless -Force or -Resume.
/// </summary>
[Cmdlet(VerbsCommunications.Send, "FtpLiteFile", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(typeof(FtpTransferResult))]
public sealed class SendFtpLiteFileCommand : FtpLiteClientCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";
    private const int ActivityId = 0x4654_5001;

    private string? _destination;
    private bool _destinationChecked;
    private bool _progressShown;
    private readonly TransferBatch _batch = new(localTargets: false);

    [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>Binds from Get-ChildItem's PSPath, or a FileInfo's FullName.</summary>
    [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP", "FullName")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>The remote folder that receives the files, created when missing; the working directory when not given.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RemotePathCompleter))]
    public string? Destination { get; set; }

    /// <summary>Uploads folders with everything in them, keeping the tree.</summary>
    [Parameter]
    public SwitchParameter Recurse { get; set; }

    /// <summary>Replaces existing remote files.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Sends only what an existing, shorter remote file lacks.</summary>
    [Parameter]
    public SwitchParameter Resume { get; set; }

    /// <summary>Writes a transfer result per file; without it the command is silent, as Copy-Item is.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>
    /// How each file is checked against the server's copy once it has moved: Hash (the default: a hash taken while the
    /// bytes stream, compared with the server's HASH, or its SIZE where it has none), Size, or None.
    /// </summary>
    [Parameter]
    public FtpVerification Verify { get; set; } = FtpVerification.Hash;

    /// <summary>
    /// How many files move at once, each over its own connection (this command's session or one-shot connection, and
    /// more opened with the same options). 1 (the default) sends one file after another as they come down the pipeline;
    /// above 1, the files are collected first and sent when the input ends, and results come out in input order.
    /// </summary>
    [Parameter]
    [ValidateRange(1, MaxThrottleLimit)]
    public int ThrottleLimit { get; set; } = 1;

    protected override void ProcessRecord()
    {
        var literal = ParameterSetName == LiteralPathSet;
        foreach (var path in literal ? LiteralPath : Path)
        {
            foreach (var local in ResolveLocal(path, literal))
            {
                if (Directory.Exists(local))
                {
                    if (!Recurse)
                    {
                        WriteFtpError($"'{local}' is a folder; add -Recurse to upload it with its contents.", ErrorIds.RecurseRequired, ErrorCategory.InvalidArgument, local);
                        continue;
                    }
                    if (DestinationFolder() is { } into) SendFolder(local, into, 0);
                }
                else if (DestinationFolder() is { } into)
                {
                    SendFile(local, RemotePath.Combine(into, System.IO.Path.GetFileName(local)));
                }
            }
        }
    }

    protected override void EndProcessing()
    {
        if (ThrottleLimit > 1 && _batch.Jobs.Count > 0)
        {
            _progressShown |= ProgressEnabled;
            RunBatch(_batch, ThrottleLimit, ActivityId, "Send-FtpLiteFile");
        }
        if (_progressShown) WriteProgress(new ProgressRecord(ActivityId, "Send-FtpLiteFile", "Done") { RecordType = ProgressRecordType.Completed });
        base.EndProcessing();
    }

    /// <summary>The remote folder, looked up (and created, when missing) once for the whole pipeline; null when declined.</summary>
    private string? DestinationFolder()
    {
        if (_destinationChecked) return _destination;
        _destinationChecked = true;
        var full = Resolve(Destination ?? Client.WorkingDirectory);
        if (!TryRun((_, token) => Client.GetItemAsync(full, token), ErrorIds.RemoteOperationFailed, Describe(full), $"Looking up '{full}'", out var item))
            return null;
        if (item is { IsDirectory: false })
            ThrowFtpError($"-Destination '{full}' is a file; give the folder the files should go into.", ErrorIds.InvalidDestination, ErrorCategory.InvalidArgument, full);
        // Under -WhatIf a missing folder is only announced, and the files in it still are; declined, nothing goes there.
        var state = item is null ? EnsureRemoteFolder(full) : FolderState.Ready;
        _destination = state == FolderState.Skipped ? null : full;
        return _destination;
    }

    private void SendFolder(string localFolder, string remoteParent, int depth)
    {
        if (depth > MaxDepth)
        {
            WriteFtpError($"'{localFolder}' is nested more than {MaxDepth} folders deep; it was skipped.", ErrorIds.TransferFailed, ErrorCategory.LimitsExceeded, localFolder);
            return;
        }
        var remoteFolder = RemotePath.Combine(remoteParent, System.IO.Path.GetFileName(localFolder.TrimEnd(System.IO.Path.DirectorySeparatorChar)));
        if (!TryRun((_, token) => Client.GetItemAsync(remoteFolder, token), ErrorIds.RemoteOperationFailed, Describe(remoteFolder), $"Looking up '{remoteFolder}'", out var existing))
            return;
        if (existing is { IsDirectory: false })
        {
            WriteFtpError($"'{Describe(remoteFolder)}' is a file, so the folder '{localFolder}' cannot go there.", ErrorIds.TargetExists, ErrorCategory.ResourceExists, Describe(remoteFolder));
            return;
        }
        var state = existing is null ? EnsureRemoteFolder(remoteFolder) : FolderState.Ready;
        // Declined under -Confirm: nothing goes into it, so nothing more is asked about it.
        if (state == FolderState.Skipped) return;

        foreach (var file in Directory.GetFiles(localFolder).OrderBy(f => f, StringComparer.Ordinal))
            SendFile(file, RemotePath.Combine(remoteFolder, System.IO.Path.GetFileName(file)));
        foreach (var folder in Directory.GetDirectories(localFolder).OrderBy(f => f, StringComparer.Ordinal))
        {
            // A linked folder could lead back up the tree; its target is uploaded where it really lives, if at all.
            if ((File.GetAttributes(folder) & FileAttributes.ReparsePoint) != 0)
            {
                WriteVerbose($"Skipping the linked folder '{folder}'.");
                continue;
            }
            SendFolder(folder, remoteFolder, depth + 1);
        }
    }

    /// <summary>Creates a remote folder and its missing parents, as one item for ShouldProcess.</summary>
    private FolderState EnsureRemoteFolder(string remoteFolder)
    {
        var answer = ShouldCreateFolder(Describe(remoteFolder));
        if (answer != FolderState.Ready) return answer;
        var made = TryRun(async (_, token) =>
        {
            var path = RemotePath.Root;
            foreach (var segment in remoteFolder.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries))
            {
                path = RemotePath.Combine(path, segment);
                if (await Client.GetItemAsync(path, token).ConfigureAwait(false) is null)
                    await Client.CreateDirectoryAsync(path, token).ConfigureAwait(false);
            }
        }, ErrorIds.RemoteOperationFailed, Describe(remoteFolder), $"Creating '{remoteFolder}'");
        return made ? FolderState.Ready : FolderState.Skipped;
    }

    private void SendFile(string local, string remote)
    {
        if (!ShouldProcess($"{local} -> {Describe(remote)}", "Upload file")) return;
        var options = new FtpTransferOptions { Overwrite = Force, Resume = Resume, Verify = Verify };
        var failure = $"Uploading '{local}' to '{remote}'";
        if (ThrottleLimit > 1)
        {
            long? length = File.Exists(local) ? new FileInfo(local).Length : null;
            _batch.Add(new TransferJob(Describe(remote), failure, length,
                (client, progress, token) => client.UploadFileAsync(local, remote, options, progress, token),
                result => Report(local, remote, result)), remote);
            return;
        }

        var progress = ProgressEnabled;
        _progressShown |= progress;
        var what = System.IO.Path.GetFileName(local) + " -> " + remote;
        if (!TryRun((messages, token) => Client.UploadFileAsync(local, remote, options,
                progress ? new TransferProgressSink(messages, ActivityId, "Send-FtpLiteFile", what) : null, token),
            ErrorIds.TransferFailed, Describe(remote), failure, out var result))
            return;
        Report(local, remote, result);
    }

    /// <summary>Writes a finished upload (pipeline thread).</summary>
    private void Report(string local, string remote, FtpTransferResult result)
    {
        if (Resume)
        {
            WriteVerbose(result.ResumedFrom > 0
                ? $"Resumed '{remote}' at byte {result.ResumedFrom}."
                : $"Sent the whole of '{local}': the server had nothing to resume from, or cannot resume.");
        }
        if (PassThru) WriteObject(result);
    }
}
