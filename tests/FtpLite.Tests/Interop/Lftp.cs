using FtpLite.Tests.Support;

namespace FtpLite.Tests.Interop;

/// <summary>Runs one lftp script against a test server: no rc files, no TLS attempt, no retries, stop at the first failed command.</summary>
internal static class Lftp
{
    /// <summary>Runs the commands (";"-separated lftp commands) as anonymous; the result's output and the protocol log.</summary>
    public static async Task<(PeerResult Result, string ProtocolLog)> RunAsync(TestServer server, string commands, string settings = "")
    {
        var lftp = PeerProgram.Require("lftp");
        using var logFolder = new TempFolder();
        var log = logFolder.Combine("lftp.log");
        var script =
            $"debug -o \"{log}\" 5; " +
            "set ftp:ssl-allow no; set net:max-retries 1; set net:timeout 20; set cmd:fail-exit yes; set xfer:clobber on; " +
            settings +
            $"open -u anonymous,lftp@example.org -p {server.Port} 127.0.0.1; " +
            commands;
        var result = await PeerProgram.RunAsync(lftp, new[] { "--norc", "-c", script });
        var protocol = File.Exists(log) ? await File.ReadAllTextAsync(log) : string.Empty;
        return (result, protocol);
    }
}
