namespace FtpLite.Tests.Client.Peers;

/// <summary>
/// What a test does when a peer program is missing: skip on a developer's machine, fail in CI
/// (FTPLITE_REQUIRE_PEERS=1), so a CI image that lost its peers cannot turn interop tests silently green.
/// </summary>
internal static class PeerRequirement
{
    public static bool Required => Environment.GetEnvironmentVariable("FTPLITE_REQUIRE_PEERS") == "1";

    /// <summary>Never returns: skips or fails the current test.</summary>
    public static Exception Missing(string why)
    {
        if (Required) Assert.Fail(why + " (FTPLITE_REQUIRE_PEERS=1 makes a missing peer a failure)");
        Assert.Skip(why);
        return new InvalidOperationException("unreachable");
    }
}
