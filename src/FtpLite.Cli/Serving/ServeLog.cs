using System.Text;
using System.Threading.Channels;
using FtpLite.Server;

namespace FtpLite.Cli.Serving;

/// <summary>
/// The serve log, formatted and written by one background task in the order given: a session never waits on the
/// console (a write per line) or on formatting between a client's command and its reply, e.g. LoginSucceeded before 230.
/// </summary>
internal sealed class ServeLog : IAsyncDisposable
{
    // Enough for bursts; past it a writer waits for the console, so a flood of sessions cannot queue without bound.
    private const int Capacity = 10_000;
    private static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(20);

    private readonly TextWriter _output;
    private readonly Channel<Entry> _entries = Channel.CreateBounded<Entry>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Task _pump;

    public ServeLog(TextWriter output)
    {
        _output = output;
        _pump = Task.Run(PumpAsync);
    }

    public void Write(FtpServerEventArgs e) => Enqueue(new Entry(e, null));

    public void Write(string line) => Enqueue(new Entry(null, line));

    /// <summary>Writes what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _entries.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
    }

    private void Enqueue(Entry entry)
    {
        if (!_entries.Writer.TryWrite(entry)) _entries.Writer.WriteAsync(entry).AsTask().GetAwaiter().GetResult();
    }

    private async Task PumpAsync()
    {
        var reader = _entries.Reader;
        var batch = new StringBuilder();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var entry)) batch.Append(entry.Event is { } e ? ActivityLine.Format(e) : entry.Line).Append(_output.NewLine);
            _output.Write(batch.ToString()); // One write for the batch: the console flushes on every call.
            _output.Flush();
            batch.Clear();
            // What arrives meanwhile becomes the next batch: one wake-up and one write per interval, not per line.
            await Task.Delay(BatchInterval).ConfigureAwait(false);
        }
    }

    private readonly record struct Entry(FtpServerEventArgs? Event, string? Line);
}
