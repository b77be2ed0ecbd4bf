namespace FtpLite.Client;

/// <summary>One step of a mirror's plan: a path relative to both roots, what to do with it and why.</summary>
public sealed class FtpMirrorAction
{
    public FtpMirrorAction(FtpMirrorActionKind kind, FtpMirrorReason reason, string relativePath, bool isDirectory, FtpTreeEntry? source, FtpTreeEntry? target)
    {
        Kind = kind;
        Reason = reason;
        RelativePath = relativePath ?? throw new ArgumentNullException(nameof(relativePath));
        IsDirectory = isDirectory;
        Source = source;
        Target = target;
    }

    public FtpMirrorActionKind Kind { get; }

    public FtpMirrorReason Reason { get; }

    /// <summary>'/'-separated, relative to the roots: "a/b.txt".</summary>
    public string RelativePath { get; }

    public bool IsDirectory { get; }

    /// <summary>The source's entry; null for a delete.</summary>
    public FtpTreeEntry? Source { get; }

    /// <summary>The target's entry; null for a copy.</summary>
    public FtpTreeEntry? Target { get; }

    /// <summary>The reason in words, with the figures that decided it: "size differs (10 bytes on the source, 12 on the target)".</summary>
    public string Description => Reason switch
    {
        FtpMirrorReason.Missing => IsDirectory ? "folder missing on the target" : "missing on the target",
        FtpMirrorReason.SizeDiffers => $"size differs ({Source!.Length} bytes on the source, {Target!.Length} on the target)",
        FtpMirrorReason.SourceNewer => $"newer on the source ({Time(Source!)} vs {Time(Target!)})",
        FtpMirrorReason.SourceOlder => $"older on the source ({Time(Source!)} vs {Time(Target!)})",
        FtpMirrorReason.ContentDiffers => "same size, different hash",
        FtpMirrorReason.NotOnSource => IsDirectory ? "folder not on the source" : "not on the source",
        FtpMirrorReason.Same => "up to date",
        FtpMirrorReason.KindConflict => Source!.IsDirectory ? "a file on the target has the folder's name" : "a folder on the target has the file's name",
        _ => Reason.ToString(),
    };

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {RelativePath}{(IsDirectory ? "/" : string.Empty)}: {Description}";

    private static string Time(FtpTreeEntry entry) =>
        entry.LastWriteTimeUtc == DateTime.MinValue ? "unknown" : entry.LastWriteTimeUtc.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "Z";
}
