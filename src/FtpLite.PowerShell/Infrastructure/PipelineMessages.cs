using System.Collections.Concurrent;
using System.Management.Automation;

namespace FtpLite.PowerShell.Infrastructure;

/// <summary>
/// Messages for a cmdlet's streams, written from any thread (a background transfer, a server's event handler)
/// and drained by the cmdlet's pipeline thread: PowerShell's Write* methods work on that thread only.
/// Progress is coalesced per activity id and written at most every <see cref="ProgressInterval"/> (a Completed record at
/// once), so a hot loop reporting progress (a mirror's thousand small files) costs a few records a second, not one a file.
/// </summary>
internal sealed class PipelineMessages : IDisposable
{
    private readonly ConcurrentQueue<Action<Cmdlet>> _writes = new();
    private readonly Dictionary<int, ProgressRecord> _progress = new();
    private readonly List<int> _progressOrder = new();
    private readonly ManualResetEventSlim _signal = new(false);
    private readonly System.Diagnostics.Stopwatch _sinceProgress = new();

    /// <summary>The shortest time between two progress writes: 4 a second, as often as anyone reads them.</summary>
    internal static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    public void WriteVerbose(string message) => Enqueue(c => c.WriteVerbose(message));

    public void WriteDebug(string message) => Enqueue(c => c.WriteDebug(message));

    public void WriteWarning(string message) => Enqueue(c => c.WriteWarning(message));

    public void WriteInformation(object messageData, params string[] tags) => Enqueue(c => c.WriteInformation(messageData, tags));

    /// <summary>Keeps only the newest record of each activity until the next drain; a Completed record is never lost.</summary>
    public void WriteProgress(ProgressRecord record)
    {
        lock (_progress)
        {
            if (!_progress.ContainsKey(record.ActivityId)) _progressOrder.Add(record.ActivityId);
            _progress[record.ActivityId] = record;
        }
        Wake();
    }

    /// <summary>Set when a message is waiting; the pump also sets it when its task ends.</summary>
    internal ManualResetEventSlim Signal => _signal;

    /// <summary>
    /// Writes everything waiting, but progress only once <see cref="ProgressInterval"/> has passed since the last (or it
    /// is Completed, or <paramref name="flush"/>: the last drain); held progress waits for a later drain. Pipeline thread
    /// only. With <paramref name="discard"/> (the pipeline is stopping), drops it all.
    /// </summary>
    internal void Drain(Cmdlet cmdlet, bool discard = false, bool flush = false)
    {
        _signal.Reset();
        while (_writes.TryDequeue(out var write))
        {
            if (!discard) write(cmdlet);
        }

        ProgressRecord[] progress;
        lock (_progress)
        {
            var due = discard || flush || !_sinceProgress.IsRunning || _sinceProgress.Elapsed >= ProgressInterval
                || _progress.Values.Any(r => r.RecordType == ProgressRecordType.Completed);
            if (!due) return;
            progress = _progressOrder.Select(id => _progress[id]).ToArray();
            _progress.Clear();
            _progressOrder.Clear();
        }
        if (discard || progress.Length == 0) return;
        foreach (var record in progress) cmdlet.WriteProgress(record);
        _sinceProgress.Restart();
    }

    public void Dispose() => _signal.Dispose();

    private void Enqueue(Action<Cmdlet> write)
    {
        _writes.Enqueue(write);
        Wake();
    }

    /// <summary>Wakes the waiting pipeline thread (a background result is ready); safe from any thread, at any time.</summary>
    public void Wake()
    {
        try
        {
            _signal.Set();
        }
        catch (ObjectDisposedException)
        {
            // A late event from a background thread after the cmdlet stopped waiting: nobody will write it.
        }
    }
}
