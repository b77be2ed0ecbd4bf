using System.Net;

namespace FtpLite.Client;

/// <summary>
/// Gives each live client its own spelling of the server's host name for TLS, so each keeps its own resumable session.
/// </summary>
/// <remarks>
/// .NET's client session cache (OpenSSL) is process-wide and holds one TLS 1.2 session per exact target-host string.
/// Two clients connected at once to the same host would replace each other's session, and a server that requires its
/// data connections to resume the control connection's session (vsftpd's default, ProFTPD's) would then refuse the
/// first client's transfers with 522. Host names compare without regard to case everywhere that matters (DNS, SNI,
/// certificate names), but the cache compares them exactly: so the first client uses the name as given, the next one
/// the same name with some letters' case flipped, and so on. A name with no letters (an IP address) gets no session
/// cached at all, and needs none of this.
/// </remarks>
internal static class TlsSessionNames
{
    private static readonly Dictionary<string, HashSet<string>> InUse = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Takes a spelling of <paramref name="host"/> no other live client holds (the name itself when free).</summary>
    public static Lease Acquire(string host)
    {
        if (IPAddress.TryParse(host, out _)) return new Lease(host, held: false);
        var letters = host.Select((c, i) => (c, i)).Where(p => char.IsLetter(p.c)).Select(p => p.i).Take(16).ToArray();
        lock (InUse)
        {
            if (!InUse.TryGetValue(host, out var taken)) InUse[host] = taken = new HashSet<string>(StringComparer.Ordinal);
            var variants = 1 << letters.Length;
            for (var variant = 0; variant < variants; variant++)
            {
                var name = Spell(host, letters, variant);
                if (taken.Add(name)) return new Lease(name, held: true);
            }
        }
        return new Lease(host, held: false); // Every spelling is taken: share, as any other .NET client would.
    }

    private static string Spell(string host, int[] letters, int variant)
    {
        if (variant == 0) return host;
        var chars = host.ToCharArray();
        for (var bit = 0; bit < letters.Length; bit++)
        {
            if ((variant & (1 << bit)) == 0) continue;
            var c = chars[letters[bit]];
            chars[letters[bit]] = char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c);
        }
        return new string(chars);
    }

    private static void Release(string name)
    {
        lock (InUse)
        {
            if (!InUse.TryGetValue(name, out var taken)) return;
            taken.Remove(name);
            if (taken.Count == 0) InUse.Remove(name);
        }
    }

    /// <summary>One client's spelling, held until disposed.</summary>
    public sealed class Lease : IDisposable
    {
        private bool _held;

        internal Lease(string name, bool held)
        {
            Name = name;
            _held = held;
        }

        /// <summary>The target host for every TLS handshake of this client, control and data alike.</summary>
        public string Name { get; }

        public void Dispose()
        {
            if (!_held) return;
            _held = false;
            Release(Name);
        }
    }
}
