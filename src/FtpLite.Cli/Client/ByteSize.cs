using System.Globalization;

namespace FtpLite.Cli.Client;

/// <summary>Sizes and rates as people read them: "812 B", "1.4 MB", "3.2 MB/s" (powers of 1024, invariant culture).</summary>
internal static class ByteSize
{
    private static readonly string[] Units = { "B", "KB", "MB", "GB", "TB" };

    public static string Format(double bytes)
    {
        var unit = 0;
        while (bytes >= 1024 && unit < Units.Length - 1)
        {
            bytes /= 1024;
            unit++;
        }
        var format = unit == 0 ? "0" : bytes < 10 ? "0.0" : "0";
        return bytes.ToString(format, CultureInfo.InvariantCulture) + " " + Units[unit];
    }

    public static string Rate(double bytesPerSecond) => Format(bytesPerSecond) + "/s";

    public static string Seconds(TimeSpan duration) =>
        duration.TotalSeconds.ToString(duration.TotalSeconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " s";
}
