using System.Globalization;
using Amazon.S3.Model;

namespace FtpLite.Storage.S3;

/// <summary>What the store keeps in an object's user metadata (x-amz-meta-*): its MFMT time and its SHA-256.</summary>
internal static class S3Metadata
{
    /// <summary>The modification time set by MFMT (ISO 8601, UTC); without it the object's LastModified is the time.</summary>
    public const string ModifiedTime = "mtime";

    /// <summary>The SHA-256 of the content, lowercase hex, computed while it was uploaded.</summary>
    public const string Sha256 = "sha256";

    public static string? Get(MetadataCollection metadata, string name)
    {
        var wanted = "x-amz-meta-" + name;
        foreach (var key in metadata.Keys)
        {
            if (string.Equals(key, wanted, StringComparison.OrdinalIgnoreCase) || string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                return metadata[key];
        }
        return null;
    }

    public static DateTime? Time(MetadataCollection metadata)
    {
        var text = Get(metadata, ModifiedTime);
        return text is not null && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? DateTime.SpecifyKind(time, DateTimeKind.Utc)
            : null;
    }

    /// <summary>The time of what has none (a folder that is only a prefix).</summary>
    public static readonly DateTime Epoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static string Format(DateTime time) => time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    /// <summary>Copies the user metadata of <paramref name="from"/> into <paramref name="to"/>.</summary>
    public static void CopyInto(MetadataCollection from, MetadataCollection to)
    {
        foreach (var key in from.Keys) to[key] = from[key];
    }

    public static DateTime Utc(DateTime? time) =>
        time is { } t ? (t.Kind == DateTimeKind.Utc ? t : t.ToUniversalTime()) : Epoch;
}
