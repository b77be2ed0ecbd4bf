using System.Globalization;

namespace FtpLite.PowerShell;

/// <summary>
/// Sizes and rates as FtpLite prints them (progress, the format views): binary units with binary names, "1.9 GiB" for
/// 2,000,000,000 bytes, so the number and its name agree. Public so the views in FtpLite.format.ps1xml can call it.
/// </summary>
public static class ByteSize
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

    /// <summary>"512 B", "4.9 KiB", "1.9 GiB": the largest unit that keeps the number at least 1, one decimal.</summary>
    public static string Format(long bytes) => Format(bytes, "0.0");

    private static string Format(long bytes, string decimals)
    {
        double value = bytes;
        var unit = 0;
        while (Math.Abs(value) >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0
            ? string.Format(CultureInfo.CurrentCulture, "{0} B", bytes)
            : value.ToString(decimals, CultureInfo.CurrentCulture) + " " + Units[unit];
    }

    /// <summary>"12.3 MiB/s"; from 100 up without the decimal ("1023 MiB/s"), so a rate fits 11 columns.</summary>
    public static string FormatRate(double bytesPerSecond)
    {
        var bytes = double.IsNaN(bytesPerSecond) || bytesPerSecond < 0 ? 0 : (long)Math.Min(long.MaxValue, bytesPerSecond);
        var text = Format(bytes);
        return (text.Length > 9 ? Format(bytes, "0") : text) + "/s";
    }

    /// <summary>"0.035 s" under a minute, else "1:02:03" (hours:minutes:seconds): short enough for a table column.</summary>
    public static string FormatDuration(TimeSpan duration) =>
        duration < TimeSpan.FromMinutes(1)
            ? string.Format(CultureInfo.CurrentCulture, "{0:0.000} s", duration.TotalSeconds)
            : string.Format(CultureInfo.InvariantCulture, "{0}:{1:mm\\:ss}", (int)duration.TotalHours, duration);
}
