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
    private readonly List<QueuedTransfer> _queue = new();

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
                if (item.IsDirectory) ReceiveFolder(item, _destination);
                else if (CheckLocalName(item.Name, item.FullName))
                    ReceiveFile(item.FullName, System.IO.Path.Combine(_destination, item.Name), item.Length, _destinationReady == FolderState.Ready);
            }
        }
    }

    protected override void EndProcessing()
    {
        if (ThrottleLimit > 1 && _queue.Count > 0)
        {
            _progressShown |= ProgressEnabled;
            RunBatch(_queue, ThrottleLimit, ActivityId, "Receive-FtpLiteFile");
        }
        if (_progressShown) WriteProgress(new ProgressRecord(ActivityId, "Receive-FtpLiteFile", "Done") { RecordType = ProgressRecordType.Completed });
        base.EndProcessing();
    }

    /// <summary>
    /// Brings a remote folder: an empty local one without -Recurse, else its whole tree (the library's walk). A folder
    /// declined under -Confirm, with a file in its place, or with a name no local folder can have, is left out with
    /// everything in it; a folder too deep (a link loop?) or unlistable is an error, and the rest goes on.
    /// </summary>
    private void ReceiveFolder(FtpListItem folder, string localParent)
    {
        if (!CheckLocalName(folder.Name, folder.FullName)) return;
        var localFolder = System.IO.Path.Combine(localParent, folder.Name);
        var created = PrepareLocalFolder(localFolder, folder.FullName);
        if (created == FolderState.Skipped) return;
        if (!Recurse)
        {
            WriteVerbose($"'{folder.FullName}' is a folder: made '{localFolder}' only; add -Recurse to bring what is in it.");
            return;
        }
        var problems = new List<FtpTreeException>();
        if (!TryRun((_, token) => Client.WalkAsync(folder.FullName, MaxDepth, e => { lock (problems) problems.Add(e); }, token),
                ErrorIds.RemoteOperationFailed, Describe(folder.FullName), $"Listing '{folder.FullName}'", out var tree))
            return;
        foreach (var problem in problems)
        {
            WriteFtpError(problem.Message, problem.TooDeep ? ErrorIds.TransferFailed : ErrorIds.RemoteOperationFailed,
                problem.TooDeep ? ErrorCategory.LimitsExceeded : ErrorCategory.ReadError, RemotePath.Combine(folder.FullName, problem.RelativePath));
        }

        // Each folder's state, by its path relative to the root ("" the root): what goes into it depends on it.
        var states = new Dictionary<string, FolderState>(StringComparer.Ordinal) { [string.Empty] = created };
        foreach (var entry in tree)
        {
            var slash = entry.RelativePath.LastIndexOf('/');
            var parent = slash < 0 ? string.Empty : entry.RelativePath.Substring(0, slash);
            var remote = RemotePath.Combine(folder.FullName, entry.RelativePath);
            var state = states.TryGetValue(parent, out var parentState) && parentState != FolderState.Skipped && CheckLocalName(entry.Name, remote)
                ? parentState : FolderState.Skipped;
            var local = System.IO.Path.Combine(localFolder, entry.RelativePath.Replace('/', System.IO.Path.DirectorySeparatorChar));
            if (entry.IsDirectory) states[entry.RelativePath] = state == FolderState.Skipped ? state : PrepareLocalFolder(local, remote);
            // Under -WhatIf the folder was not created; its files are still announced.
            else if (state != FolderState.Skipped) ReceiveFile(remote, local, entry.Length >= 0 ? entry.Length : null, state == FolderState.Ready);
        }
    }

    /// <summary>The local folder for a remote one: a file in its place is an error; a missing one is created.</summary>
    private FolderState PrepareLocalFolder(string localFolder, string remoteFolder)
    {
        if (File.Exists(localFolder))
        {
            WriteFtpError($"'{localFolder}' is a file, so the folder '{remoteFolder}' cannot go there.", ErrorIds.TargetExists, ErrorCategory.ResourceExists, localFolder);
            return FolderState.Skipped;
        }
        return EnsureLocalFolder(localFolder);
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

    private void ReceiveFile(string remote, string local, long? length, bool folderExists)
    {
        if (!ShouldProcess($"{Describe(remote)} -> {local}", "Download file") || !folderExists) return;
        var had = File.Exists(local) ? new FileInfo(local).Length : 0;
        var options = new FtpTransferOptions { Overwrite = Force, Resume = Resume, Verify = Verify };
        var failure = $"Downloading '{remote}' to '{local}'";
        if (ThrottleLimit > 1)
        {
            _queue.Add(new QueuedTransfer(new FtpBatchItem(FtpTransferDirection.Download, local, remote, options, length),
                local, failure, result => Report(remote, local, had, result)));
            return;
        }

        var progress = ProgressEnabled;
        _progressShown |= progress;
        var what = remote + " -> " + System.IO.Path.GetFileName(local);
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

    private bool CheckLocalName(string name, string remote)
    {
        if (IsLocalName(name)) return true;
        WriteFtpError($"'{remote}' has a name that cannot be a local file name here; it was skipped.", ErrorIds.TransferFailed, ErrorCategory.InvalidData, remote);
        return false;
    }
}
