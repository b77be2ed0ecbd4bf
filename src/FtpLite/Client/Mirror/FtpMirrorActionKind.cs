namespace FtpLite.Client;

/// <summary>What a mirror does with one path.</summary>
public enum FtpMirrorActionKind
{
    /// <summary>The target lacks it: a file is copied, a folder made.</summary>
    Copy,

    /// <summary>The target's file differs from the source's and is overwritten.</summary>
    Replace,

    /// <summary>The target has it and the source does not (only with <see cref="FtpMirrorOptions.Delete"/>).</summary>
    Delete,

    /// <summary>Nothing to do: the two sides agree, or the difference is one a mirror does not touch.</summary>
    Skip,
}

/// <summary>Why a mirror does what it does with one path.</summary>
public enum FtpMirrorReason
{
    /// <summary>Not on the target.</summary>
    Missing,

    /// <summary>The two files' sizes differ.</summary>
    SizeDiffers,

    /// <summary>The sizes agree and the source's modification time is later.</summary>
    SourceNewer,

    /// <summary>The sizes agree and the source's modification time is earlier (a mirror makes the target match, either way).</summary>
    SourceOlder,

    /// <summary>The sizes agree and the hashes do not (<see cref="FtpMirrorOptions.Checksum"/>).</summary>
    ContentDiffers,

    /// <summary>On the target only.</summary>
    NotOnSource,

    /// <summary>Same size and time (or hash): up to date.</summary>
    Same,

    /// <summary>A file on one side where the other has a folder: left alone, reported.</summary>
    KindConflict,
}
