namespace FtpLite.Client;

/// <summary>What became of one action of a mirror's plan.</summary>
public sealed class FtpMirrorResult
{
    public FtpMirrorResult(FtpMirrorAction action, FtpTransferResult? transfer, Exception? error, bool timeKept)
    {
        Action = action ?? throw new ArgumentNullException(nameof(action));
        Transfer = transfer;
        Error = error;
        TimeKept = timeKept;
    }

    public FtpMirrorAction Action { get; }

    public FtpMirrorActionKind Kind => Action.Kind;

    public string RelativePath => Action.RelativePath;

    /// <summary>The copy of a file; null for folders and deletes, and for a copy that failed before the file moved.</summary>
    public FtpTransferResult? Transfer { get; }

    /// <summary>Why the action failed; null when it succeeded.</summary>
    public Exception? Error { get; }

    public bool Succeeded => Error is null;

    /// <summary>A copied file took its source's modification time (false on a server without MFMT: see the README).</summary>
    public bool TimeKept { get; }

    public long Bytes => Transfer?.Bytes ?? 0;

    public override string ToString() => Action + (Error is null ? string.Empty : " — failed: " + Error.Message);
}
