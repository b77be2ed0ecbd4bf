using System.Runtime.InteropServices;

namespace FtpLite.Client;

/// <summary>
/// One <see cref="FtpTransferPool"/> run's shared state: which item is next, each item's outcome and bytes, and the
/// aggregate progress built from them. Sessions call in from their threads; one lock keeps each snapshot whole.
/// </summary>
internal sealed class PoolRun
{
    private readonly object _gate = new();
    private readonly IProgress<FtpBatchProgress>? _progress;
    private readonly FtpBatchResult?[] _results;
    private readonly long[] _bytes;
    private readonly long?[] _lengths;
    private readonly SortedSet<int> _running = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<int> _returned = new();
    private int _next = -1;
    private int _done;
    private int _sessions;
    // The sums each snapshot reports, kept as items change: a snapshot per file event must not add up every item.
    private long _bytesDone;
    private long _knownLengths;
    private int _unknownLengths;

    public PoolRun(IReadOnlyList<FtpBatchItem> items, IProgress<FtpBatchProgress>? progress)
    {
        Items = items;
        _progress = progress;
        _results = new FtpBatchResult?[items.Count];
        _bytes = new long[items.Count];
        _lengths = items.Select(LengthOf).ToArray();
        foreach (var length in _lengths)
        {
            if (length is { } known) _knownLengths += known;
            else _unknownLengths++;
        }
    }

    public IReadOnlyList<FtpBatchItem> Items { get; }

    /// <summary>Items neither finished nor refused.</summary>
    public int Pending => Items.Count - _done;

    /// <summary>Why the last session could not connect: the cause given to the files left without one.</summary>
    public Exception? LastConnectError { get; set; }

    /// <summary>
    /// Items whose target an earlier item already has (compared as this file system compares names for local targets,
    /// exactly for remote ones): they cannot run side by side, so the later is refused.
    /// </summary>
    public IEnumerable<(int Index, Exception Error)> RefuseSharedTargets()
    {
        var ignoreCase = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX);
        var local = new HashSet<string>(ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        var remote = new HashSet<string>(StringComparer.Ordinal);
        var refused = new List<(int, Exception)>();
        for (var i = 0; i < Items.Count; i++)
        {
            var item = Items[i];
            var fresh = item.Direction == FtpTransferDirection.Upload ? remote.Add(item.RemotePath) : local.Add(Path.GetFullPath(item.LocalPath));
            if (!fresh)
            {
                refused.Add((i, new FtpException(FtpErrorKind.AlreadyExists,
                    $"'{item.Target}' is already the target of an earlier file in this batch; two files cannot go to one place at once, so this one was skipped.")));
            }
        }
        return refused;
    }

    /// <summary>The next item no session has taken (or one given back) and none refused; -1 when there is none.</summary>
    public int Take()
    {
        if (_returned.TryDequeue(out var again)) return again;
        while (true)
        {
            var index = Interlocked.Increment(ref _next);
            if (index >= Items.Count) return -1;
            if (Volatile.Read(ref _results[index]) is null) return index;
        }
    }

    /// <summary>Gives back an item a session took but could not move (it found no connection): another may take it.</summary>
    public void Return(int index) => _returned.Enqueue(index);

    public bool IsFinished(int index) => Volatile.Read(ref _results[index]) is not null;

    public FtpBatchResult[] Results() => _results.Select(r => r!).ToArray();

    public void SessionStarted()
    {
        lock (_gate) _sessions++;
    }

    public void SessionEnded()
    {
        lock (_gate) _sessions--;
    }

    /// <summary>Marks the item running and returns the sink for its own progress (null when nobody listens).</summary>
    public IProgress<FtpTransferProgress>? Started(int index)
    {
        lock (_gate)
        {
            _running.Add(index);
            Report();
        }
        return _progress is null ? null : new ItemSink(this, index);
    }

    /// <summary>An item cut short by cancellation: no longer running, not finished.</summary>
    public void Abandoned(int index)
    {
        lock (_gate) _running.Remove(index);
    }

    public void Finish(int index, FtpBatchResult result)
    {
        lock (_gate)
        {
            _results[index] = result;
            _done++;
            _running.Remove(index);
            if (result.Result is { } moved)
            {
                SetBytes(index, moved.Length);
                SetLength(index, moved.Length);
            }
            Report();
        }
    }

    private void Moved(int index, FtpTransferProgress value)
    {
        lock (_gate)
        {
            if (_results[index] is not null) return;
            SetBytes(index, value.BytesTransferred);
            if (value.TotalBytes is { } total) SetLength(index, total);
            Report();
        }
    }

    private void SetBytes(int index, long bytes)
    {
        _bytesDone += bytes - _bytes[index];
        _bytes[index] = bytes;
    }

    private void SetLength(int index, long length)
    {
        if (_lengths[index] is { } old) _knownLengths -= old;
        else _unknownLengths--;
        _lengths[index] = length;
        _knownLengths += length;
    }

    /// <summary>Builds and hands over a snapshot; under the lock, so snapshots never go backwards.</summary>
    private void Report()
    {
        if (_progress is null) return;
        long? total = _unknownLengths == 0 ? _knownLengths : null;
        var running = _running.Select(i => new FtpBatchRunning(i, Items[i], _bytes[i], _lengths[i])).ToArray();
        _progress.Report(new FtpBatchProgress(_done, Items.Count, _bytesDone, total, _sessions, running));
    }

    private static long? LengthOf(FtpBatchItem item)
    {
        if (item.Length is { } known) return known;
        if (item.Direction != FtpTransferDirection.Upload) return null;
        try
        {
            var file = new FileInfo(item.LocalPath);
            return file.Exists ? file.Length : 0; // A missing source fails in its place, moving nothing.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return 0;
        }
    }

    private sealed class ItemSink : IProgress<FtpTransferProgress>
    {
        private readonly PoolRun _run;
        private readonly int _index;

        public ItemSink(PoolRun run, int index)
        {
            _run = run;
            _index = index;
        }

        public void Report(FtpTransferProgress value) => _run.Moved(_index, value);
    }
}
