using System.Diagnostics;

namespace FtpLite.PowerShell.Tests.Support;

public static class Poll
{
    /// <summary>Checks <paramref name="condition"/> every 20 ms until it holds or <paramref name="timeout"/> passes; bounded in time and count.</summary>
    public static bool Until(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 10_000; i++)
        {
            if (condition()) return true;
            if (clock.Elapsed > timeout) return false;
            Thread.Sleep(20);
        }
        return condition();
    }
}
