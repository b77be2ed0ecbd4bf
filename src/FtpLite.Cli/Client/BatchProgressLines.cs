using System.Diagnostics;
using FtpLite.Client;

namespace FtpLite.Cli.Client;

/// <summary>
/// A batch's progress on a terminal's stderr: one line of files and bytes done of the total and, with several sessions,
/// a line under it for each running transfer with its own bytes. Redrawn in place (ANSI cursor-up and erase-line) at
/// most five times a second, and wiped before each summary line. The pool reports from its sessions' threads, so every
/// write happens under one lock. Only made when stderr is a terminal: pipes and logs never see it.
/// </summary>
internal sealed class BatchProgressLines : IProgress<FtpBatchProgress>
{
    private const int Width = 78;
    private const string EraseLine = "\u001b[2K";
    private static readonly long IntervalTicks = Stopwatch.Frequency / 5;
    private readonly object _gate = new();
    private readonly TextWriter _error;
    private readonly bool _perTransfer;
    private long _lastTicks = -IntervalTicks;
    private int _drawn;

    private BatchProgressLines(TextWriter error, bool perTransfer)
    {
        _error = error;
        _perTransfer = perTransfer;
    }

    /// <summary>Progress lines when stderr is a terminal, else null; <paramref name="sessions"/> above 1 shows each transfer.</summary>
    public static BatchProgressLines? For(Commands.CommandContext context, int sessions) =>
        context.Terminal.IsErrorTerminal ? new BatchProgressLines(context.Error, sessions > 1) : null;

    public void Report(FtpBatchProgress value)
    {
        lock (_gate)
        {
            var now = Stopwatch.GetTimestamp();
            if (now - _lastTicks < IntervalTicks) return;
            _lastTicks = now;
            Draw(Lines(value));
        }
    }

    /// <summary>Writes <paramref name="line"/> on a clean line (the progress wiped first; it comes back at the next report).</summary>
    public void WriteLine(string line)
    {
        lock (_gate)
        {
            Wipe();
            _error.WriteLine(line);
            _error.Flush();
        }
    }

    /// <summary>Wipes the lines for good.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            Wipe();
            _error.Flush();
        }
    }

    /// <summary>The lines a snapshot shows; exposed for tests.</summary>
    internal List<string> Lines(FtpBatchProgress value)
    {
        var bytes = value.BytesTotal is { } total
            ? $"{ByteSize.Format(value.BytesDone)} of {ByteSize.Format(total)}  {value.PercentComplete,3:0}%"
            : ByteSize.Format(value.BytesDone);
        var head = $"{value.FilesDone}/{value.FilesTotal} files  {bytes}";
        if (!_perTransfer)
        {
            var name = value.Running.Count > 0 ? "  " + Name(value.Running[0].Item) : "";
            return new List<string> { Fit(head + name) };
        }
        var lines = new List<string> { Fit($"{head}  over {value.Sessions} session{(value.Sessions == 1 ? "" : "s")}") };
        foreach (var running in value.Running)
        {
            var amount = running.TotalBytes is { } length
                ? $"{(length == 0 ? 100 : running.BytesTransferred * 100.0 / length),3:0}%  {ByteSize.Format(running.BytesTransferred)} of {ByteSize.Format(length)}"
                : ByteSize.Format(running.BytesTransferred);
            lines.Add(Fit($"  {Name(running.Item)}  {amount}"));
        }
        return lines;
    }

    private static string Name(FtpBatchItem item) => item.Direction == FtpTransferDirection.Upload ? Path.GetFileName(item.LocalPath) : RemotePath.GetFileName(item.RemotePath);

    private static string Fit(string text) => ClientFailure.OneLine(text.Length > Width ? "…" + text.Substring(text.Length - Width + 1) : text);

    private void Draw(List<string> lines)
    {
        Wipe();
        _error.Write(string.Join("\n", lines));
        _error.Flush();
        _drawn = lines.Count;
    }

    /// <summary>Erases what was drawn and leaves the cursor at the start of its first line.</summary>
    private void Wipe()
    {
        if (_drawn == 0) return;
        _error.Write("\r" + EraseLine);
        for (var i = 1; i < _drawn; i++) _error.Write("\u001b[1A\r" + EraseLine);
        _drawn = 0;
    }
}
