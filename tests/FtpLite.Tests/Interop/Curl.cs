using FtpLite.Tests.Support;

namespace FtpLite.Tests.Interop;

/// <summary>Runs curl against a test server, ignoring any ~/.curlrc (-q) and showing errors (-sS).</summary>
internal static class Curl
{
    public static string Url(TestServer server, string path = "") => $"ftp://127.0.0.1:{server.Port}/{path}";

    public static Task<PeerResult> RunAsync(params string[] arguments) =>
        PeerProgram.RunAsync(PeerProgram.Require("curl"), new[] { "-q", "-sS", "--max-time", "120" }.Concat(arguments));

    /// <summary>The non-empty lines of a listing; curl turns an ASCII listing's CRLF into LF, so both are accepted.</summary>
    public static string[] Lines(this string output) =>
        output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
}
