using System.Diagnostics;
using System.Text.RegularExpressions;
using FtpLite.Client;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Client.Peers;

/// <summary>
/// pyftpdlib (Debian's python3-pyftpdlib), serving a temp folder. Plain: "python3 -m pyftpdlib", anonymous and
/// writable. TLS: a small program of its TLS_FTPHandler (which needs pyOpenSSL) requiring explicit FTPS for login and
/// data, with the password account of <see cref="PeerAccount"/>.
/// </summary>
public sealed class PyFtpdLibServer : IFtpPeer
{
    private readonly PeerProcess _process;
    private readonly TempFolder _root;

    private static readonly Regex StartedOn = new(@"starting FTP server on 127\.0\.0\.1:(?<port>\d+)");

    // The TLS server: root, certificate, key, user and password as arguments; it prints the line StartedOn reads.
    private const string TlsProgram = """
        import sys
        from pyftpdlib.authorizers import DummyAuthorizer
        from pyftpdlib.handlers import TLS_FTPHandler
        from pyftpdlib.servers import FTPServer
        root, certificate, key, user, password = sys.argv[1:6]
        authorizer = DummyAuthorizer()
        authorizer.add_user(user, password, root, perm="elradfmwMT")
        handler = TLS_FTPHandler
        handler.certfile, handler.keyfile = certificate, key
        handler.tls_control_required = True
        handler.tls_data_required = True
        handler.authorizer = authorizer
        server = FTPServer(("127.0.0.1", 0), handler)
        print("starting FTP server on 127.0.0.1:%d" % server.socket.getsockname()[1], flush=True)
        server.serve_forever()
        """;

    private PyFtpdLibServer(PeerProcess process, TempFolder root, bool tls)
    {
        _process = process;
        _root = root;
        Tls = tls;
    }

    public bool Tls { get; }
    public string Name => Tls ? "pyftpdlib FTPS" : "pyftpdlib";
    public string Root => _root.Path;
    public int Port => _process.Port;

    public FtpClientOptions ClientOptions()
    {
        var options = new FtpClientOptions("127.0.0.1", Port);
        if (!Tls) return options;
        options.UserName = PeerAccount.UserName;
        options.Password = PeerAccount.Password;
        PeerTlsFiles.Apply(options);
        return options;
    }

    /// <summary>
    /// Starts it, or skips (fails, with FTPLITE_REQUIRE_PEERS=1) the calling test when pyftpdlib, or for TLS pyOpenSSL,
    /// is not installed. With <paramref name="sendLimit"/> (bytes per second, plain only) its downloads are throttled: a
    /// real, bounded, slow source for tests that must interrupt a transfer in the middle.
    /// </summary>
    public static async Task<PyFtpdLibServer> StartAsync(CancellationToken cancellationToken, bool tls = false, int? sendLimit = null)
    {
        var python = FindPython("pyftpdlib") ?? throw PeerRequirement.Missing("pyftpdlib is not installed (apt-get install python3-pyftpdlib)");
        if (tls && FindPython("pyftpdlib, OpenSSL") != python)
            throw PeerRequirement.Missing("pyftpdlib's TLS needs pyOpenSSL, which is not installed (apt-get install python3-openssl)");
        var root = new TempFolder();
        try
        {
            // Port 0: the system picks, and pyftpdlib logs ">>> starting FTP server on 127.0.0.1:PORT": no race for the port.
            var start = new ProcessStartInfo(python) { WorkingDirectory = root.Path };
            if (tls)
            {
                // The PEM files beside the root, not in it: the login folder holds only what a test puts there.
                var (certificate, key) = PeerTlsFiles.WritePem(Directory.CreateDirectory(root.Path + "-tls").FullName);
                foreach (var argument in new[] { "-c", TlsProgram, root.Path, certificate, key, PeerAccount.UserName, PeerAccount.Password })
                    start.ArgumentList.Add(argument);
                return new PyFtpdLibServer(await PeerProcess.StartAsync(start, port: null, StartedOn, greetingToken: null, cancellationToken), root, tls);
            }
            var arguments = sendLimit is { } limit
                ? new[] { "-c", ThrottledServerScript, root.Path, limit.ToString(System.Globalization.CultureInfo.InvariantCulture) }
                : new[] { "-m", "pyftpdlib", "-i", "127.0.0.1", "-p", "0", "-w", "-d", root.Path };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            return new PyFtpdLibServer(await PeerProcess.StartAsync(start, port: null, StartedOn, greetingToken: null, cancellationToken), root, tls);
        }
        catch
        {
            Dispose(root);
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

    /// <summary>A python3 that can import <paramref name="modules"/>: FTPLITE_PYTHON, else the system's (Debian installs them there).</summary>
    public static string? FindPython(string modules)
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("FTPLITE_PYTHON"), "/usr/bin/python3", "python3" };
        foreach (var candidate in candidates)
        {
            if (string.IsNullOrEmpty(candidate)) continue;
            try
            {
                var check = new ProcessStartInfo(candidate) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
                check.ArgumentList.Add("-c");
                check.ArgumentList.Add("import " + modules);
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
        Dispose(_root);
        return default;
    }

    private static void Dispose(TempFolder root)
    {
        root.Dispose();
        if (Directory.Exists(root.Path + "-tls")) Directory.Delete(root.Path + "-tls", recursive: true);
    }
}
