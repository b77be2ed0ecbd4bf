namespace FtpLite.Client;

/// <summary>Why a mirror with deletion refused to start.</summary>
public enum FtpMirrorRefusal
{
    /// <summary>The source has no files: deleting would empty the target (a wrong or unmounted source, most likely).</summary>
    EmptySource,

    /// <summary>The deletes would remove more of the target than the threshold allows without Force.</summary>
    TooManyDeletes,
}

/// <summary>A mirror's delete guard refused the plan; nothing was changed.</summary>
public sealed class FtpMirrorRefusedException : InvalidOperationException
{
    public FtpMirrorRefusedException(FtpMirrorRefusal refusal, string message) : base(message) => Refusal = refusal;

    public FtpMirrorRefusal Refusal { get; }
}
