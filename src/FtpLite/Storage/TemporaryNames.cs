using System.Security.Cryptography;
using System.Text;

namespace FtpLite.Storage;

/// <summary>
/// The names of upload temporaries, ".ftplite-&lt;32 hex&gt;.part", beside their target. A session's upload is named after
/// its owner and the target's name, so an interrupted one can be found again (a resume) by that owner only, also after a
/// restart or after its folder was renamed; an upload without an owner gets a random name. Clients can neither list nor
/// name these files (<see cref="LocalFileStore"/> refuses them in every path).
/// </summary>
internal static class TemporaryNames
{
    private const string Prefix = ".ftplite-";
    private const string Suffix = ".part";

    public static bool IsTemporary(string name) =>
        name.StartsWith(Prefix, StringComparison.Ordinal) && name.EndsWith(Suffix, StringComparison.Ordinal);

    /// <summary>The pending upload of <paramref name="owner"/> to the file <paramref name="targetName"/> in the same folder.</summary>
    public static string ForOwner(string owner, string targetName)
    {
        using var sha = SHA256.Create();
        // Hashed: a fixed length, whatever characters the user's and the file's names hold.
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(owner + "\n" + targetName));
        var hex = new StringBuilder(Prefix.Length + 32 + Suffix.Length).Append(Prefix);
        for (var i = 0; i < 16; i++) hex.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        return hex.Append(Suffix).ToString();
    }

    public static string Random() => Prefix + Guid.NewGuid().ToString("N") + Suffix;

    /// <summary>
    /// True when no one holds the file open for writing: every upload holds its temporary with an exclusive lock
    /// (FileShare.None, flock on Unix), in this process or another server's on the same folder.
    /// </summary>
    public static bool IsInUse(string path)
    {
        try
        {
            using (new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 1)) return false;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return true; // Not ours to judge or remove.
        }
    }
}
