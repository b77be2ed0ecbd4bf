namespace FtpLite.Client;

/// <summary>How a mirror compares the two trees, what it leaves out and whether it deletes.</summary>
public sealed class FtpMirrorOptions
{
    /// <summary>Compare files of equal size by hash (HASH on the server) instead of by modification time.</summary>
    public bool Checksum { get; set; }

    /// <summary>
    /// How each copied file is checked once it has moved (as for a single transfer): the server's HASH by default where
    /// it offers one, else the size. A download's size check compares with the length the walk listed (no SIZE asked);
    /// an upload's lists each server folder once its files are in and compares the sizes shown (SIZE only for a file the
    /// listing does not show).
    /// </summary>
    public FtpVerification Verify { get; set; } = FtpVerification.Hash;

    /// <summary>Delete what the target has and the source lacks. Guarded: see <see cref="Force"/>.</summary>
    public bool Delete { get; set; }

    /// <summary>Delete even when that removes more than <see cref="DeleteThreshold"/> of the target's files.</summary>
    public bool Force { get; set; }

    /// <summary>The share of the target's files (0 to 1) a delete may remove without <see cref="Force"/>.</summary>
    public double DeleteThreshold { get; set; } = 0.5;

    /// <summary>
    /// Times are compared in whole seconds (what MLSD and MFMT carry); this much difference beyond that still counts as
    /// the same (2 s for a FAT disk, say).
    /// </summary>
    public TimeSpan TimeTolerance { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Wildcards (`*`, `?`) for paths to leave alone on both sides: neither copied nor deleted. A pattern without '/'
    /// matches a name at any depth ("*.tmp"); one ending in '/' matches folders only, with all they hold (".git/");
    /// one with a '/' inside matches the path from the root ("logs/*.log").
    /// </summary>
    public IList<string> Exclude { get; } = new List<string>();

    /// <summary>When not empty, only files matching one of these (as <see cref="Exclude"/>) are mirrored; folders are always walked.</summary>
    public IList<string> Include { get; } = new List<string>();
}
