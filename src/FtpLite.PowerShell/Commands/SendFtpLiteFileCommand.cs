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
    private readonly List<QueuedTransfer> _queue = new();

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
                    if (DestinationFolder() is { } into) SendFolder(local, into);
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
        if (ThrottleLimit > 1 && _queue.Count > 0)
        {
            _progressShown |= ProgressEnabled;
            RunBatch(_queue, ThrottleLimit, ActivityId, "Send-FtpLiteFile");
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

    /// <summary>
    /// Uploads a folder's tree (the library's walk: linked folders are not followed) into a folder of the same name
    /// under <paramref name="remoteParent"/>. A folder declined under -Confirm, or with a file in its place, is left out
    /// with everything in it; a folder too deep or unreadable is an error, and the rest goes on.
    /// </summary>
    private void SendFolder(string localFolder, string remoteParent)
    {
        var remoteTop = RemotePath.Combine(remoteParent, System.IO.Path.GetFileName(localFolder.TrimEnd(System.IO.Path.DirectorySeparatorChar)));
        if (PrepareRemoteFolder(remoteTop, localFolder) == FolderState.Skipped) return;
        var declined = new List<string>();
        var tree = LocalTree.Walk(localFolder, MaxDepth, e => WriteFtpError(e.Message, ErrorIds.TransferFailed,
            e.TooDeep ? ErrorCategory.LimitsExceeded : ErrorCategory.ReadError, System.IO.Path.Combine(localFolder, e.RelativePath)));
        foreach (var entry in tree)
        {
            if (declined.Any(d => entry.RelativePath.StartsWith(d + "/", StringComparison.Ordinal))) continue;
            var local = System.IO.Path.Combine(localFolder, entry.RelativePath.Replace('/', System.IO.Path.DirectorySeparatorChar));
            var remote = RemotePath.Combine(remoteTop, entry.RelativePath);
            if (!entry.IsDirectory) SendFile(local, remote);
            // Declined under -Confirm (or a file in its place): nothing goes into it, so nothing more is asked about it.
            else if (PrepareRemoteFolder(remote, local) == FolderState.Skipped) declined.Add(entry.RelativePath);
        }
    }

    /// <summary>Looks up the remote folder for a local one; a missing one is created (as one item for ShouldProcess).</summary>
    private FolderState PrepareRemoteFolder(string remoteFolder, string localFolder)
    {
        if (!TryRun((_, token) => Client.GetItemAsync(remoteFolder, token), ErrorIds.RemoteOperationFailed, Describe(remoteFolder), $"Looking up '{remoteFolder}'", out var existing))
            return FolderState.Skipped;
        if (existing is { IsDirectory: false })
        {
            WriteFtpError($"'{Describe(remoteFolder)}' is a file, so the folder '{localFolder}' cannot go there.", ErrorIds.TargetExists, ErrorCategory.ResourceExists, Describe(remoteFolder));
            return FolderState.Skipped;
        }
        return existing is null ? EnsureRemoteFolder(remoteFolder) : FolderState.Ready;
    }

    /// <summary>Creates a remote folder and its missing parents (the library's mkdir -p), as one item for ShouldProcess.</summary>
    private FolderState EnsureRemoteFolder(string remoteFolder)
    {
        var answer = ShouldCreateFolder(Describe(remoteFolder));
        if (answer != FolderState.Ready) return answer;
        var made = TryRun((_, token) => Client.CreateDirectoryAsync(remoteFolder, recursive: true, token),
            ErrorIds.RemoteOperationFailed, Describe(remoteFolder), $"Creating '{remoteFolder}'", out _);
        return made ? FolderState.Ready : FolderState.Skipped;
    }

    private void SendFile(string local, string remote)
    {
        if (!ShouldProcess($"{local} -> {Describe(remote)}", "Upload file")) return;
        var options = new FtpTransferOptions { Overwrite = Force, Resume = Resume, Verify = Verify };
        var failure = $"Uploading '{local}' to '{remote}'";
        if (ThrottleLimit > 1)
        {
            _queue.Add(new QueuedTransfer(new FtpBatchItem(FtpTransferDirection.Upload, local, remote, options),
                Describe(remote), failure, result => Report(local, remote, result)));
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
