using System.Diagnostics;
using System.Text.RegularExpressions;
using FtpLite.Client;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Client.Peers;

/// <summary>pyftpdlib ("python3 -m pyftpdlib", Debian's python3-pyftpdlib): anonymous, writable, serving a temp folder.</summary>
public sealed class PyFtpdLibServer : IFtpPeer
{
    private readonly PeerProcess _process;
    private readonly TempFolder _root;

    private static readonly Regex StartedOn = new(@"starting FTP server on 127\.0\.0\.1:(?<port>\d+)");

    private PyFtpdLibServer(PeerProcess process, TempFolder root)
    {
        _process = process;
        _root = root;
    }

    public string Name => "pyftpdlib";
    public string Root => _root.Path;
    public int Port => _process.Port;

    public FtpClientOptions ClientOptions() => new("127.0.0.1", Port);

    /// <summary>
    /// Starts it, or skips (fails, with FTPLITE_REQUIRE_PEERS=1) the calling test when pyftpdlib is not installed. With
    /// <paramref name="sendLimit"/> (bytes per second) its downloads are throttled: a real, bounded, slow source for
    /// tests that must interrupt a transfer in the middle.
    /// </summary>
    public static async Task<PyFtpdLibServer> StartAsync(CancellationToken cancellationToken, int? sendLimit = null)
    {
        var python = FindPython() ?? throw PeerRequirement.Missing("pyftpdlib is not installed (apt-get install python3-pyftpdlib)");
        var root = new TempFolder();
        try
        {
            // Port 0: the system picks, and pyftpdlib logs ">>> starting FTP server on 127.0.0.1:PORT": no race for the port.
            var start = new ProcessStartInfo(python) { WorkingDirectory = root.Path };
            var arguments = sendLimit is { } limit
                ? new[] { "-c", ThrottledServerScript, root.Path, limit.ToString(System.Globalization.CultureInfo.InvariantCulture) }
                : new[] { "-m", "pyftpdlib", "-i", "127.0.0.1", "-p", "0", "-w", "-d", root.Path };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            var process = await PeerProcess.StartAsync(start, port: null, StartedOn, greetingToken: null, cancellationToken);
            return new PyFtpdLibServer(process, root);
        }
        catch
        {
            root.Dispose();
            throw;
        }
    }

    /// <summary>
    /// For python3 -c, with the root and a byte rate as argv[1] and argv[2]: pyftpdlib's own command line (anonymous,
    /// writable) with its sending throttled to that rate (ThrottledDTPHandler.write_limit: what a RETR downloads; its
    /// read_limit would slow uploads only). It logs the same "starting FTP server on" line.
    /// </summary>
    public const string ThrottledServerScript = """
        import logging, sys
        from pyftpdlib.authorizers import DummyAuthorizer
        from pyftpdlib.handlers import FTPHandler, ThrottledDTPHandler
        from pyftpdlib.servers import FTPServer
        logging.basicConfig(level=logging.INFO, format="%(message)s")
        class Slow(ThrottledDTPHandler):
            write_limit = int(sys.argv[2])
        class Handler(FTPHandler):
            dtp_handler = Slow
            authorizer = DummyAuthorizer()
        Handler.authorizer.add_anonymous(sys.argv[1], perm="elradfmwMT")
        FTPServer(("127.0.0.1", 0), Handler).serve_forever()
        """;

    /// <summary>A python3 that can import pyftpdlib: FTPLITE_PYTHON, else the system's (Debian installs the module there).</summary>
    public static string? FindPython()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("FTPLITE_PYTHON"), "/usr/bin/python3", "python3" };
        foreach (var candidate in candidates)
        {
            if (string.IsNullOrEmpty(candidate)) continue;
            try
            {
                var check = new ProcessStartInfo(candidate) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
                check.ArgumentList.Add("-c");
                check.ArgumentList.Add("import pyftpdlib");
                using var process = Process.Start(check);
                if (process is null) continue;
                if (process.WaitForExit(10_000) && process.ExitCode == 0) return candidate;
                if (!process.HasExited) process.Kill();
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not there.
            }
        }
        return null;
    }

    public ValueTask DisposeAsync()
    {
        _process.Dispose();
        _root.Dispose();
        return default;
    }
}
