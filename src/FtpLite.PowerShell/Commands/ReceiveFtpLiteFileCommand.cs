using System.Management.Automation;
using FtpLite.Client;
using FtpLite.PowerShell.Arguments;
using FtpLite.PowerShell.Client;
using FtpLite.PowerShell.Infrastructure;

namespace FtpLite.PowerShell.Commands;

/// <summary>
/// Receive-FtpLiteFile: downloads remote files (wildcards in the last segment; folders with -Recurse, keeping the tree)
/// into a local folder; with -PassThru, a transfer result per file. A folder without -Recurse becomes an empty local
/// folder, as Copy-Item makes it. A download lands in "name.ftplite-part" and is renamed into place only when
/// complete, so a failure or Ctrl+C never leaves a partial target; the part stays for -Resume.
/// </summary>
[Cmdlet(VerbsCommunications.Receive, "FtpLiteFile", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(typeof(FtpTransferResult))]
public sealed class ReceiveFtpLiteFileCommand : FtpLiteClientCmdlet
{
    private const int ActivityId = 0x4654_5002;
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    private string _destination = string.Empty;
    private FolderState? _destinationReady;
    private bool _progressShown;
    private readonly TransferBatch _batch = new(localTargets: true);

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

    /// <summary>The local folder that receives the files, created when missing; the current location when not given.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Destination { get; set; }

    /// <summary>Brings folders whole; without it a folder becomes an empty local folder, as with Copy-Item.</summary>
    [Parameter]
    public SwitchParameter Recurse { get; set; }

    /// <summary>Writes a transfer result per file; without it the command is silent, as Copy-Item is.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Replaces existing local files.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Fetches only what an interrupted download's "name.ftplite-part" (or a shorter local file) lacks.</summary>
    [Parameter]
    public SwitchParameter Resume { get; set; }

    /// <summary>
    /// How each file is checked against the server's copy once it has moved: Hash (the default: a hash taken while the
    /// bytes stream, compared with the server's HASH, or its SIZE where it has none), Size, or None.
    /// </summary>
    [Parameter]
    public FtpVerification Verify { get; set; } = FtpVerification.Hash;

    /// <summary>
    /// How many files move at once, each over its own connection (this command's session or one-shot connection, and
    /// more opened with the same options). 1 (the default) fetches one file after another as they come down the pipeline;
    /// above 1, the files are collected first and fetched when the input ends, and results come out in input order.
    /// </summary>
    [Parameter]
    [ValidateRange(1, MaxThrottleLimit)]
    public int ThrottleLimit { get; set; } = 1;

    protected override void BeginProcessing()
    {
        _destination = ResolveLocalDestination(Destination);
        if (File.Exists(_destination))
            ThrowFtpError($"-Destination '{_destination}' is a file; give the folder the files should go into.", ErrorIds.InvalidDestination, ErrorCategory.InvalidArgument, _destination);
        base.BeginProcessing();
    }

    protected override void ProcessRecord()
    {
        var literal = ParameterSetName == LiteralPathSet;
        foreach (var path in literal ? LiteralPath : Path)
        {
            foreach (var item in ExpandRemote(path, literal))
            {
                _destinationReady ??= EnsureLocalFolder(_destination);
                // Declined (or failed): nothing goes into it, and nothing more is asked about it.
                if (_destinationReady == FolderState.Skipped) continue;
                if (item.IsDirectory) ReceiveFolder(item, _destination, 0);
                else if (CheckLocalName(item)) ReceiveFile(item, _destination, _destinationReady == FolderState.Ready);
            }
        }
    }

    protected override void EndProcessing()
    {
        if (ThrottleLimit > 1 && _batch.Jobs.Count > 0)
        {
            _progressShown |= ProgressEnabled;
            RunBatch(_batch, ThrottleLimit, ActivityId, "Receive-FtpLiteFile");
        }
        if (_progressShown) WriteProgress(new ProgressRecord(ActivityId, "Receive-FtpLiteFile", "Done") { RecordType = ProgressRecordType.Completed });
        base.EndProcessing();
    }

    private void ReceiveFolder(FtpListItem folder, string localParent, int depth)
    {
        if (depth > MaxDepth)
        {
            WriteFtpError($"'{folder.FullName}' is nested more than {MaxDepth} folders deep (a link loop?); it was skipped.", ErrorIds.TransferFailed, ErrorCategory.LimitsExceeded, folder.FullName);
            return;
        }
        if (!CheckLocalName(folder)) return;
        var localFolder = System.IO.Path.Combine(localParent, folder.Name);
        if (File.Exists(localFolder))
        {
            WriteFtpError($"'{localFolder}' is a file, so the folder '{folder.FullName}' cannot go there.", ErrorIds.TargetExists, ErrorCategory.ResourceExists, localFolder);
            return;
        }
        var created = EnsureLocalFolder(localFolder);
        if (created == FolderState.Skipped) return;
        if (!Recurse)
        {
            WriteVerbose($"'{folder.FullName}' is a folder: made '{localFolder}' only; add -Recurse to bring what is in it.");
            return;
        }
        var items = ListRemote(folder.FullName);
        if (items is null) return;
        foreach (var item in items)
        {
            if (item.IsDirectory) ReceiveFolder(item, localFolder, depth + 1);
            // Under -WhatIf the folder was not created; its files are still announced.
            else if (CheckLocalName(item)) ReceiveFile(item, localFolder, created == FolderState.Ready);
        }
    }

    /// <summary>Creates a missing local folder (with its parents) as one item for ShouldProcess.</summary>
    private FolderState EnsureLocalFolder(string folder)
    {
        if (Directory.Exists(folder)) return FolderState.Ready;
        var answer = ShouldCreateFolder(folder);
        if (answer != FolderState.Ready) return answer;
        try
        {
            Directory.CreateDirectory(folder);
            return FolderState.Ready;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            WriteFtpError(e, ErrorIds.InvalidDestination, folder, message: $"Cannot create '{folder}': {e.Message}");
            return FolderState.Skipped;
        }
    }

    private void ReceiveFile(FtpListItem item, string localFolder, bool folderExists = true)
    {
        var remote = item.FullName;
        var local = System.IO.Path.Combine(localFolder, item.Name);
        if (!ShouldProcess($"{Describe(remote)} -> {local}", "Download file") || !folderExists) return;
        var had = File.Exists(local) ? new FileInfo(local).Length : 0;
        var options = new FtpTransferOptions { Overwrite = Force, Resume = Resume, Verify = Verify };
        var failure = $"Downloading '{remote}' to '{local}'";
        if (ThrottleLimit > 1)
        {
            _batch.Add(new TransferJob(local, failure, item.Length,
                (client, progress, token) => client.DownloadFileAsync(remote, local, options, progress, token),
                result => Report(remote, local, had, result)), local);
            return;
        }

        var progress = ProgressEnabled;
        _progressShown |= progress;
        var what = remote + " -> " + item.Name;
        if (!TryRun((messages, token) => Client.DownloadFileAsync(remote, local, options,
                progress ? new TransferProgressSink(messages, ActivityId, "Receive-FtpLiteFile", what) : null, token),
            ErrorIds.TransferFailed, local, failure, out var result))
            return;
        Report(remote, local, had, result);
    }

    /// <summary>Writes a finished download (pipeline thread); <paramref name="had"/> is the local length before it.</summary>
    private void Report(string remote, string local, long had, FtpTransferResult result)
    {
        if (Resume)
        {
            WriteVerbose(result.ResumedFrom > 0 ? $"Resumed '{local}' at byte {result.ResumedFrom}."
                : had > 0 ? $"Fetched the whole of '{remote}': the server cannot resume, or '{local}' was longer than it."
                : $"Nothing to resume at '{local}'; fetched the whole file.");
        }
        if (PassThru) WriteObject(result);
    }

    private bool CheckLocalName(FtpListItem item)
    {
        if (IsLocalName(item.Name)) return true;
        WriteFtpError($"'{item.FullName}' has a name that cannot be a local file name here; it was skipped.", ErrorIds.TransferFailed, ErrorCategory.InvalidData, item.FullName);
        return false;
    }
}
