namespace FtpLite.PowerShell;

/// <summary>
/// What the logged-in user may do with a listing item, from MLSD/MLST's "perm" fact (RFC 3659 7.5.5), one flag per
/// letter, so a script filters with -band instead of parsing letters such as "adfrw".
/// </summary>
[Flags]
public enum FtpLiteRights
{
    None = 0,

    /// <summary>a: append to the file (APPE).</summary>
    Append = 1,

    /// <summary>c: create files in the folder (STOR).</summary>
    Create = 2,

    /// <summary>d: delete the item (DELE, RMD).</summary>
    Delete = 4,

    /// <summary>e: enter the folder (CWD).</summary>
    Enter = 8,

    /// <summary>f: rename the item (RNFR).</summary>
    Rename = 16,

    /// <summary>l: list the folder (LIST, MLSD).</summary>
    List = 32,

    /// <summary>m: make folders in the folder (MKD).</summary>
    MakeDirectory = 64,

    /// <summary>p: purge the folder's contents.</summary>
    Purge = 128,

    /// <summary>r: read the file (RETR).</summary>
    Read = 256,

    /// <summary>w: write the file (STOR over it).</summary>
    Write = 512,
}
