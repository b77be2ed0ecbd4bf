using System.Management.Automation;
using FtpLite.Client;
using FtpLite.PowerShell.Arguments;
using FtpLite.PowerShell.Infrastructure;

namespace FtpLite.PowerShell.Commands;

/// <summary>
/// Sync-FtpLiteDirectory: mirrors a folder tree to the server (-Direction Upload) or from it (Download), copying only
/// what differs and, with -Delete, deleting what the source lacks. -WhatIf lists every action with its reason; with
/// -PassThru it writes the plan's actions, else the results.
/// </summary>
[Cmdlet(VerbsData.Sync, "FtpLiteDirectory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(FtpMirrorResult), typeof(FtpMirrorAction))]
public sealed class SyncFtpLiteDirectoryCommand : FtpLiteClientCmdlet
{
    private const int ActivityId = 0x4654_5003;

    /// <summary>Upload: the local folder is the source and the server's the target. Download: the other way.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public FtpTransferDirection Direction { get; set; }

    /// <summary>The local folder (an upload's source must exist; a download's target is made when missing).</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string LocalPath { get; set; } = string.Empty;

    /// <summary>The server's folder (a download's source must exist; an upload's target is made when missing).</summary>
    [Parameter(Mandatory = true, Position = 2)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RemotePathCompleter))]
    public string RemotePath { get; set; } = string.Empty;

    /// <summary>Compares files of equal size by hash (the server's HASH) instead of by modification time.</summary>
    [Parameter]
    public SwitchParameter Checksum { get; set; }

    /// <summary>Deletes what the target has and the source lacks; refused when the source has no files.</summary>
    [Parameter]
    public SwitchParameter Delete { get; set; }

    /// <summary>With -Delete: allows deleting more than half of the target.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Wildcards for paths left alone on both sides: '*.tmp' (a name anywhere), '.git/' (a folder), 'logs/*.log' (a path).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] Exclude { get; set; } = Array.Empty<string>();

    /// <summary>When given, only the files matching one of these wildcards are mirrored.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] Include { get; set; } = Array.Empty<string>();

    /// <summary>How each copied file is checked once it has moved: Hash (the default), Size, or None.</summary>
    [Parameter]
    public FtpVerification Verify { get; set; } = FtpVerification.Hash;

    /// <summary>How many files are copied at once, each over its own connection.</summary>
    [Parameter]
    [ValidateRange(1, MaxThrottleLimit)]
    public int ThrottleLimit { get; set; } = 4;

    /// <summary>Writes a result per action; under -WhatIf, the plan's actions. Without it the command is silent.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (Force && !Delete)
            ThrowFtpError("-Force only lifts -Delete's limit; add -Delete.", ErrorIds.InvalidMirrorOption, ErrorCategory.InvalidArgument, null);
        var local = ResolveLocalDestination(LocalPath);
        if (Direction == FtpTransferDirection.Upload && !Directory.Exists(local))
            ThrowFtpError($"The local folder '{local}' does not exist.", ErrorIds.LocalItemNotFound, ErrorCategory.ObjectNotFound, local);

        using var mirror = new FtpMirror(Client, Direction, local, RemotePath, Options()) { Sessions = ThrottleLimit };
        var plan = Plan(mirror);
        if (!mirror.TargetKeepsTimes && plan.Changes.Any())
            WriteWarning("The server does not offer MFMT, so copies there keep the time of the upload: a later run takes a file of the same size that is at least as new as its source as up to date.");

        // Every change is asked about (and, under -WhatIf, only told): what is declined is left out of the run.
        var approved = plan.Changes.Where(a => ShouldProcess(Target(mirror, a), Operation(a))).ToList();
        if (WhatIf())
        {
            if (PassThru) WriteObject(plan.Changes, enumerateCollection: true);
            return;
        }
        if (approved.Count == 0) return;
        Run(mirror, new FtpMirrorPlan(plan.Direction, approved));
    }

    private FtpMirrorOptions Options()
    {
        var options = new FtpMirrorOptions { Checksum = Checksum, Delete = Delete, Force = Force, Verify = Verify };
        foreach (var pattern in Exclude) options.Exclude.Add(pattern);
        foreach (var pattern in Include) options.Include.Add(pattern);
        return options;
    }

    private FtpMirrorPlan Plan(FtpMirror mirror)
    {
        try
        {
            return RunAsync((_, token) => mirror.PlanAsync(token));
        }
        catch (FtpMirrorRefusedException e)
        {
            ThrowFtpError(e, ErrorIds.MirrorRefused, RemotePath, ErrorCategory.InvalidOperation, e.Message);
            throw; // Not reached.
        }
        catch (ArgumentException e)
        {
            ThrowFtpError(e, ErrorIds.InvalidMirrorOption, null, ErrorCategory.InvalidArgument, e.Message.Split(new[] { " (Parameter" }, StringSplitOptions.None)[0]);
            throw;
        }
        catch (Exception e) when (e is FtpException or IOException or UnauthorizedAccessException)
        {
            ThrowFtpError(e, ErrorMapping.IdOf(e, ErrorIds.RemoteOperationFailed), Direction == FtpTransferDirection.Upload ? LocalPath : RemotePath,
                message: $"Cannot compare '{LocalPath}' with '{RemotePath}': {ErrorMapping.Unwrap(e).Message}");
            throw;
        }
    }

    private void Run(FtpMirror mirror, FtpMirrorPlan plan)
    {
        var progress = ProgressEnabled;
        var done = new System.Collections.Concurrent.ConcurrentQueue<FtpMirrorResult>();
        using var messages = new PipelineMessages();
        var reporter = progress ? new BatchProgressRecords(messages, ActivityId, "Sync-FtpLiteDirectory") : null;
        var token = CancellationToken;
        var run = Task.Run(() => mirror.RunAsync(plan, reporter, r =>
        {
            done.Enqueue(r);
            messages.Wake();
        }, token));

        void WriteDone()
        {
            while (done.TryDequeue(out var result))
            {
                if (result.Error is { } error)
                {
                    var inner = ErrorMapping.Unwrap(error);
                    var verb = result.Kind == FtpMirrorActionKind.Delete ? "Deleting" : "Copying";
                    WriteFtpError(inner, ErrorMapping.IdOf(inner, ErrorIds.TransferFailed), Target(mirror, result.Action),
                        message: $"{verb} '{result.RelativePath}' failed: {inner.Message}");
                }
                else if (PassThru)
                {
                    WriteObject(result);
                }
            }
        }

        Pump(run, messages, untilStopped: false, onPump: WriteDone);
        WriteDone();
        if (progress) WriteProgress(new ProgressRecord(ActivityId, "Sync-FtpLiteDirectory", "Done") { RecordType = ProgressRecordType.Completed });
    }

    private bool WhatIf() => MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value) && value is SwitchParameter { IsPresent: true }
        || string.Equals(GetVariableValue("WhatIfPreference")?.ToString(), "True", StringComparison.OrdinalIgnoreCase);

    private static string Operation(FtpMirrorAction action) =>
        $"{action.Kind} {(action.IsDirectory ? "folder" : "file")} ({action.Description})";

    /// <summary>Where the action lands: the server's path of an upload (as the session names it), the local path of a download.</summary>
    private string Target(FtpMirror mirror, FtpMirrorAction action) =>
        mirror.Direction == FtpTransferDirection.Upload
            ? Describe(FtpLite.Client.RemotePath.Combine(mirror.RemoteRoot, action.RelativePath))
            : System.IO.Path.Combine(mirror.LocalRoot, action.RelativePath.Replace('/', System.IO.Path.DirectorySeparatorChar));

    /// <summary>The pool's progress as one record for the run, coalesced by the pipeline messages.</summary>
    private sealed class BatchProgressRecords : IProgress<FtpBatchProgress>
    {
        private readonly PipelineMessages _messages;
        private readonly int _activityId;
        private readonly string _activity;

        public BatchProgressRecords(PipelineMessages messages, int activityId, string activity)
        {
            _messages = messages;
            _activityId = activityId;
            _activity = activity;
        }

        public void Report(FtpBatchProgress value) =>
            _messages.WriteProgress(new ProgressRecord(_activityId, _activity, $"{value.FilesDone} of {value.FilesTotal} files, over {value.Sessions} sessions")
            {
                PercentComplete = (int)value.PercentComplete,
            });
    }
}
