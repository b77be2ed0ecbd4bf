namespace FtpLite.Client;

/// <summary>
/// Compares a source tree with a target tree (as <see cref="LocalTree"/> and <see cref="FtpClient.WalkAsync(string, int, CancellationToken)"/>
/// give them) and says what a mirror must do. Pure: it reads nothing and changes nothing, so a plan can be shown
/// (-WhatIf, --dry-run) before it is carried out.
/// </summary>
public static class FtpMirrorPlanner
{
    /// <summary>
    /// The files a checksum compare must hash: on both sides, not filtered out, files on both, sizes equal (or unknown).
    /// Hash them and pass the ones that differ to <see cref="Plan"/>.
    /// </summary>
    public static IReadOnlyList<string> HashCandidates(IEnumerable<FtpTreeEntry> source, IEnumerable<FtpTreeEntry> target, FtpMirrorOptions options)
    {
        var filter = new MirrorFilter(options.Exclude, options.Include);
        var targets = Index(target, filter);
        return Filtered(source, filter)
            .Where(s => !s.IsDirectory && targets.TryGetValue(s.RelativePath, out var t) && !t.IsDirectory && !SizesDiffer(s, t))
            .Select(s => s.RelativePath)
            .ToList();
    }

    /// <param name="direction">Which way the files move: upload (local source) or download (remote source).</param>
    /// <param name="source">The source tree, each folder before what it holds.</param>
    /// <param name="target">The target tree, likewise.</param>
    /// <param name="options">Compare, filter and delete options.</param>
    /// <param name="targetKeepsTimes">
    /// Whether the target can be given the source's modification times (a local disk; a server with MFMT). When it
    /// cannot, a copy there is as new as the copying, so a file of the same size whose target is at least as new as the
    /// source counts as up to date.
    /// </param>
    /// <param name="contentDiffers">With <see cref="FtpMirrorOptions.Checksum"/>: the <see cref="HashCandidates"/> whose hashes differ.</param>
    /// <exception cref="FtpMirrorRefusedException">A delete guard refused the plan.</exception>
    public static FtpMirrorPlan Plan(
        FtpTransferDirection direction, IEnumerable<FtpTreeEntry> source, IEnumerable<FtpTreeEntry> target, FtpMirrorOptions options,
        bool targetKeepsTimes = true, ICollection<string>? contentDiffers = null)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        var filter = new MirrorFilter(options.Exclude, options.Include);
        var sources = Filtered(source, filter).ToList();
        var sourceIndex = sources.ToDictionary(e => e.RelativePath, StringComparer.Ordinal);
        var targetEntries = Filtered(target, filter).ToList();
        var targets = targetEntries.ToDictionary(e => e.RelativePath, StringComparer.Ordinal);

        var folders = new List<FtpMirrorAction>();
        var files = new List<FtpMirrorAction>();
        foreach (var entry in sources)
        {
            targets.TryGetValue(entry.RelativePath, out var existing);
            if (existing is not null && existing.IsDirectory != entry.IsDirectory)
            {
                files.Add(new FtpMirrorAction(FtpMirrorActionKind.Skip, FtpMirrorReason.KindConflict, entry.RelativePath, entry.IsDirectory, entry, existing));
            }
            else if (entry.IsDirectory)
            {
                if (existing is null) folders.Add(new FtpMirrorAction(FtpMirrorActionKind.Copy, FtpMirrorReason.Missing, entry.RelativePath, true, entry, null));
            }
            else
            {
                files.Add(Compare(entry, existing, options, targetKeepsTimes, contentDiffers));
            }
        }

        var deletes = options.Delete ? Deletes(targetEntries, sourceIndex) : new List<FtpMirrorAction>();
        if (deletes.Count > 0) Guard(deletes, sources, targetEntries, options);
        return new FtpMirrorPlan(direction, folders.Concat(files).Concat(deletes).ToList());
    }

    private static FtpMirrorAction Compare(FtpTreeEntry source, FtpTreeEntry? target, FtpMirrorOptions options, bool targetKeepsTimes, ICollection<string>? contentDiffers)
    {
        FtpMirrorAction Act(FtpMirrorActionKind kind, FtpMirrorReason reason) => new(kind, reason, source.RelativePath, false, source, target);

        if (target is null) return Act(FtpMirrorActionKind.Copy, FtpMirrorReason.Missing);
        if (SizesDiffer(source, target)) return Act(FtpMirrorActionKind.Replace, FtpMirrorReason.SizeDiffers);
        if (options.Checksum)
        {
            return contentDiffers is not null && contentDiffers.Contains(source.RelativePath)
                ? Act(FtpMirrorActionKind.Replace, FtpMirrorReason.ContentDiffers)
                : Act(FtpMirrorActionKind.Skip, FtpMirrorReason.Same);
        }
        // A side whose listing gave no time is compared by size alone.
        if (source.LastWriteTimeUtc == DateTime.MinValue || target.LastWriteTimeUtc == DateTime.MinValue)
            return Act(FtpMirrorActionKind.Skip, FtpMirrorReason.Same);
        var difference = WholeSeconds(source.LastWriteTimeUtc) - WholeSeconds(target.LastWriteTimeUtc);
        if (difference > options.TimeTolerance) return Act(FtpMirrorActionKind.Replace, FtpMirrorReason.SourceNewer);
        if (targetKeepsTimes && -difference > options.TimeTolerance) return Act(FtpMirrorActionKind.Replace, FtpMirrorReason.SourceOlder);
        return Act(FtpMirrorActionKind.Skip, FtpMirrorReason.Same);
    }

    /// <summary>What the target has and the source lacks: files first, then folders, each deepest first.</summary>
    private static List<FtpMirrorAction> Deletes(List<FtpTreeEntry> target, Dictionary<string, FtpTreeEntry> source) =>
        target
            .Where(t => !source.ContainsKey(t.RelativePath))
            .OrderBy(t => t.IsDirectory)
            .ThenByDescending(t => t.Depth)
            .ThenBy(t => t.RelativePath, StringComparer.Ordinal)
            .Select(t => new FtpMirrorAction(FtpMirrorActionKind.Delete, FtpMirrorReason.NotOnSource, t.RelativePath, t.IsDirectory, null, t))
            .ToList();

    private static void Guard(List<FtpMirrorAction> deletes, List<FtpTreeEntry> source, List<FtpTreeEntry> target, FtpMirrorOptions options)
    {
        // Not even Force passes an empty source: that is a wrong path or an unmounted disk far more often than a wish.
        if (!source.Any(e => !e.IsDirectory))
        {
            throw new FtpMirrorRefusedException(FtpMirrorRefusal.EmptySource,
                $"The source has no files, so deleting would empty the target ({deletes.Count} entries); nothing was changed.");
        }
        var share = (double)deletes.Count / target.Count;
        if (share > options.DeleteThreshold && !options.Force)
        {
            throw new FtpMirrorRefusedException(FtpMirrorRefusal.TooManyDeletes,
                $"The mirror would delete {deletes.Count} of the target's {target.Count} entries ({share:P0}, over the {options.DeleteThreshold:P0} allowed); use Force to allow it. Nothing was changed.");
        }
    }

    private static IEnumerable<FtpTreeEntry> Filtered(IEnumerable<FtpTreeEntry> entries, MirrorFilter filter)
    {
        var list = entries?.Where(e => !filter.IsExcluded(e.RelativePath, e.IsDirectory)).ToList() ?? throw new ArgumentNullException(nameof(entries));
        if (!filter.HasIncludes) return list;
        // With includes, a folder stays only when an included file lies below it.
        var files = list.Where(e => !e.IsDirectory && filter.IsIncluded(e.RelativePath)).ToList();
        var keptFolders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            for (var slash = file.RelativePath.LastIndexOf('/'); slash > 0; slash = file.RelativePath.LastIndexOf('/', slash - 1))
                keptFolders.Add(file.RelativePath.Substring(0, slash));
        }
        return list.Where(e => e.IsDirectory ? keptFolders.Contains(e.RelativePath) : filter.IsIncluded(e.RelativePath));
    }

    private static Dictionary<string, FtpTreeEntry> Index(IEnumerable<FtpTreeEntry> entries, MirrorFilter filter) =>
        Filtered(entries, filter).ToDictionary(e => e.RelativePath, StringComparer.Ordinal);

    private static bool SizesDiffer(FtpTreeEntry a, FtpTreeEntry b) => a.Length >= 0 && b.Length >= 0 && a.Length != b.Length;

    private static DateTime WholeSeconds(DateTime time) => new(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
}
