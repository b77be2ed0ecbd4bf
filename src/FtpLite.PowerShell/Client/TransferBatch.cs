using System.Management.Automation;
using System.Runtime.InteropServices;
using FtpLite.PowerShell.Infrastructure;

namespace FtpLite.PowerShell.Client;

/// <summary>
/// The files a transfer cmdlet collected for a parallel run, in the order they came in (which is the output order).
/// Two files for one target cannot run side by side: the later one is refused in its place.
/// </summary>
internal sealed class TransferBatch
{
    private readonly List<TransferJob> _jobs = new();
    private readonly HashSet<string> _targets;

    /// <param name="localTargets">True when targets are local paths (compared as this file system does), false for remote paths (exact).</param>
    public TransferBatch(bool localTargets)
    {
        var ignoreCase = localTargets && (RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX));
        _targets = new HashSet<string>(ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
    }

    public IReadOnlyList<TransferJob> Jobs => _jobs;

    /// <summary>Adds a file; a target already in the batch makes this one a FtpLite.TargetExists error in its place.</summary>
    public void Add(TransferJob job, string target)
    {
        if (!_targets.Add(target))
        {
            job.Refuse(ErrorMapping.Create(
                $"'{target}' is already the target of an earlier file in this command; with -ThrottleLimit above 1 two files cannot go to one place, so this one was skipped.",
                ErrorIds.TargetExists, ErrorCategory.ResourceExists, job.Target));
        }
        _jobs.Add(job);
    }
}
