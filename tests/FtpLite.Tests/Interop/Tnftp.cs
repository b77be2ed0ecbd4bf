using FtpLite.Tests.Support;

namespace FtpLite.Tests.Interop;

/// <summary>Runs tnftp (the BSD ftp client) with a command script on stdin, logged in as anonymous, verbose so replies show.</summary>
internal static class Tnftp
{
    public static async Task<PeerResult> RunAsync(TestServer server, params string[] commands)
    {
        var tnftp = PeerProgram.Require("tnftp");
        // -n: no auto-login from ~/.netrc; we log in ourselves. tnftp exits 0 even after failed commands,
        // so the tests judge by the replies printed and by the disk.
        var script = string.Join("\n", new[] { "user anonymous tnftp@example.org", "binary" }.Concat(commands).Append("quit")) + "\n";
        var result = await PeerProgram.RunAsync(tnftp, new[] { "-n", "-v", "127.0.0.1", server.Port.ToString() }, standardInput: script);
        return result.AssertSucceeded();
    }
}
