using System.Globalization;
using System.Management.Automation;
using FtpLite.Client;
using FtpLite.PowerShell.Infrastructure;

namespace FtpLite.PowerShell.Client;

/// <summary>
/// Turns the library's progress reports (at most ten a second, on a thread-pool thread) into ProgressRecords queued for
/// the cmdlet's pipeline thread, which writes the newest one per activity.
/// </summary>
internal sealed class TransferProgressSink : IProgress<FtpTransferProgress>
{
    private readonly PipelineMessages _messages;
    private readonly int _activityId;
    private readonly string _activity;
    private readonly string _what;

    public TransferProgressSink(PipelineMessages messages, int activityId, string activity, string what)
    {
        _messages = messages;
        _activityId = activityId;
        _activity = activity;
        _what = what;
    }

    public void Report(FtpTransferProgress value)
    {
        var status = value.TotalBytes is { } total
            ? string.Format(CultureInfo.CurrentCulture, "{0}: {1} of {2} ({3}/s)", _what, Size(value.BytesTransferred), Size(total), Size((long)value.BytesPerSecond))
            : string.Format(CultureInfo.CurrentCulture, "{0}: {1} ({2}/s)", _what, Size(value.BytesTransferred), Size((long)value.BytesPerSecond));
        var record = new ProgressRecord(_activityId, _activity, status);
        if (value.PercentComplete is { } percent) record.PercentComplete = (int)percent;
        if (value.TotalBytes is { } length && value.BytesPerSecond > 0)
            record.SecondsRemaining = (int)Math.Min(int.MaxValue, Math.Max(0, length - value.BytesTransferred) / value.BytesPerSecond);
        _messages.WriteProgress(record);
    }

    /// <summary>Sizes in binary units with binary names (KiB, MiB, GiB), as everywhere FtpLite prints them.</summary>
    internal static string Size(long bytes) => ByteSize.Format(bytes);
}
