using System.Diagnostics;
using FtpLite.Client;

namespace FtpLite.Cli.Client;

/// <summary>
/// A transfer's progress as one line on a terminal's stderr, rewritten in place with "\r" at most a few times a second,
/// and wiped before the summary. Reported synchronously on the transfer's own thread, so no report arrives after
/// <see cref="Clear"/>. Only made when stderr is a terminal: pipes and logs never see it.
/// </summary>
internal sealed class ProgressLine : IProgress<FtpTransferProgress>
{
    private const int Width = 78;
    private static readonly long IntervalTicks = Stopwatch.Frequency / 5;
    private readonly TextWriter _error;
    private readonly string _label;
    private long _lastTicks = -IntervalTicks;
    private bool _shown;

    private ProgressLine(TextWriter error, string label)
    {
        _error = error;
        _label = label;
    }

    /// <summary>A progress line for <paramref name="label"/> when stderr is a terminal, else null (no progress).</summary>
    public static ProgressLine? For(Commands.CommandContext context, string label) =>
        context.Terminal.IsErrorTerminal ? new ProgressLine(context.Error, label) : null;

    public void Report(FtpTransferProgress value)
    {
        var now = Stopwatch.GetTimestamp();
        if (now - _lastTicks < IntervalTicks) return;
        _lastTicks = now;
        var amount = value.TotalBytes is { } total
            ? $"{value.PercentComplete,3:0}%  {ByteSize.Format(value.BytesTransferred)} of {ByteSize.Format(total)}"
            : ByteSize.Format(value.BytesTransferred);
        var text = $"{_label}  {amount}  {ByteSize.Rate(value.BytesPerSecond)}";
        if (text.Length > Width) text = "…" + text.Substring(text.Length - Width + 1);
        _error.Write("\r" + text.PadRight(Width));
        _error.Flush();
        _shown = true;
    }

    /// <summary>Wipes the line, so what follows starts at the left edge of a clean line.</summary>
    public void Clear()
    {
        if (!_shown) return;
        _error.Write("\r" + new string(' ', Width) + "\r");
        _error.Flush();
        _shown = false;
    }
}
