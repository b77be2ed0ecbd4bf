using System.Net;

namespace FtpLite.Server;

/// <summary>
/// Failed logins per client address, over all its connections: past the budget within the window, the address is
/// refused for one window. A session's own delay and disconnect alone let many parallel connections guess fast.
/// </summary>
internal sealed class LoginThrottle
{
    // Addresses remembered at most before stale ones are swept out; each costs a few dozen bytes.
    private const int SweepAbove = 10_000;

    private readonly object _gate = new();
    private readonly Dictionary<IPAddress, Record> _records = new();
    private readonly int _budget;
    private readonly TimeSpan _window;
    private readonly Func<DateTime> _utcNow;

    public LoginThrottle(int budget, TimeSpan window, Func<DateTime> utcNow)
    {
        _budget = budget;
        _window = window;
        _utcNow = utcNow;
    }

    /// <summary>True while the address is over its budget.</summary>
    public bool IsRefused(IPAddress address)
    {
        var key = Bucket(address);
        lock (_gate)
        {
            return _records.TryGetValue(key, out var record) && _utcNow() < record.RefusedUntil;
        }
    }

    /// <summary>Counts a failed login; the failure that reaches the budget starts the refusal.</summary>
    public void Failed(IPAddress address)
    {
        var now = _utcNow();
        var key = Bucket(address);
        lock (_gate)
        {
            if (!_records.TryGetValue(key, out var record))
            {
                if (_records.Count >= SweepAbove) Sweep(now);
                record = new Record { WindowStart = now };
                _records[key] = record;
            }
            if (now - record.WindowStart >= _window)
            {
                record.WindowStart = now;
                record.Failures = 0;
            }
            record.Failures++;
            if (record.Failures >= _budget) record.RefusedUntil = now + _window;
        }
    }

    // An IPv6 host is commonly given a whole /64 and can change address within it at will: its /64 counts as one.
    private static IPAddress Bucket(IPAddress address)
    {
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6 || address.IsIPv4MappedToIPv6) return address;
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes);
    }

    private void Sweep(DateTime now)
    {
        foreach (var stale in _records.Where(r => now - r.Value.WindowStart >= _window && now >= r.Value.RefusedUntil).Select(r => r.Key).ToList())
            _records.Remove(stale);
    }

    private sealed class Record
    {
        public DateTime WindowStart;
        public int Failures;
        public DateTime RefusedUntil;
    }
}
