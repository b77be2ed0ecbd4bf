using System.Net;
using System.Net.Sockets;

namespace FtpLite.Tests.ScaleOut;

/// <summary>
/// Ports free right now on given addresses, below every system's ephemeral range (which starts at 32768 on Linux), so
/// that no outgoing connection or passive listener of another test takes one between this check and the bind.
/// </summary>
internal static class FreePorts
{
    private const int Lowest = 10000;
    private const int Highest = 32000;

    /// <summary>One port free on every one of <paramref name="addresses"/>.</summary>
    public static int One(params IPAddress[] addresses) => Range(1, Array.Empty<(int, int)>(), addresses);

    /// <summary>
    /// The first port of <paramref name="count"/> consecutive ports free on every one of <paramref name="addresses"/>
    /// and overlapping none of <paramref name="taken"/> (first, last).
    /// </summary>
    public static int Range(int count, IReadOnlyCollection<(int First, int Last)> taken, params IPAddress[] addresses)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var first = Random.Shared.Next(Lowest, Highest - count);
            var last = first + count - 1;
            if (taken.Any(t => first <= t.Last && t.First <= last)) continue;
            if (Enumerable.Range(first, count).All(port => addresses.All(address => IsFree(address, port)))) return first;
        }
        throw new InvalidOperationException($"No {count} free consecutive ports found in {Lowest}-{Highest}.");
    }

    private static bool IsFree(IPAddress address, int port)
    {
        var listener = new TcpListener(address, port);
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            listener.Stop();
        }
    }
}
