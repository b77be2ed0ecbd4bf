using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace FtpLite.PowerShell.Tests.Support;

/// <summary>
/// pyftpdlib (Debian's python3-pyftpdlib) serving a temp folder, anonymous and writable, on 127.0.0.1 port 0; the port
/// is read from its start-up log. Missing pyftpdlib skips the test, or fails it with FTPLITE_REQUIRE_PEERS=1.
/// Optionally throttled (pyftpdlib's ThrottledDTPHandler): a slow but real and bounded download source.
/// </summary>
public sealed class PyFtpdLib : IDisposable
{
    private static readonly Regex StartedOn = new(@"starting FTP server on 127\.0\.0\.1:(?<port>\d+)");

    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private PyFtpdLib(string python, int? sendLimitBytesPerSecond)
    {
        var start = new ProcessStartInfo(python)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Root.Path,
        };
        var arguments = sendLimitBytesPerSecond is { } limit
            ? new[] { "-c", FtpLite.Tests.Client.Peers.PyFtpdLibServer.ThrottledServerScript, Root.Path, limit.ToString(System.Globalization.CultureInfo.InvariantCulture) }
            : new[] { "-m", "pyftpdlib", "-i", "127.0.0.1", "-p", "0", "-w", "-d", Root.Path };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        _process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public TempFolder Root { get; } = new();

    public int Port { get; private set; }

    /// <summary>
    /// Open control connections, as pyftpdlib's INFO log tells them: "FTP session opened (connect)" less
    /// "FTP session closed (disconnect).". Only the log's first 64 KiB are kept: enough for a test's few dozen sessions.
    /// </summary>
    public int OpenSessions
    {
        get
        {
            var log = Log;
            return Regex.Count(log, Regex.Escape("FTP session opened (connect)")) - Regex.Count(log, Regex.Escape("FTP session closed (disconnect)."));
        }
    }

    /// <summary>Everything pyftpdlib logged so far (its INFO log: sessions opened and closed, logins, each transfer's end).</summary>
    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <param name="sendLimitBytesPerSecond">
    /// When given, the server sends each data connection at about this many bytes a second (ThrottledDTPHandler's
    /// write_limit): a download of a few MiB then takes many seconds while small files still arrive at once.
    /// </param>
    public static PyFtpdLib Start(int? sendLimitBytesPerSecond = null)
    {
        var python = FindPython();
        if (python is null)
        {
            const string why = "pyftpdlib is not installed (apt-get install python3-pyftpdlib)";
            if (Environment.GetEnvironmentVariable("FTPLITE_REQUIRE_PEERS") == "1") Assert.Fail(why + "; FTPLITE_REQUIRE_PEERS=1 makes that a failure.");
            Assert.Skip(why);
        }
        var peer = new PyFtpdLib(python, sendLimitBytesPerSecond);
        try
        {
            peer.WaitUntilListening();
            return peer;
        }
        catch
        {
            peer.Dispose();
            throw;
        }
    }

    private void WaitUntilListening()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (_process.HasExited) throw new InvalidOperationException($"pyftpdlib exited with {_process.ExitCode}:\n{Log}");
            var match = StartedOn.Match(Log);
            if (match.Success)
            {
                Port = int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
                using var probe = new TcpClient();
                if (probe.ConnectAsync(IPAddress.Loopback, Port).Wait(TimeSpan.FromSeconds(5))) return;
            }
            Thread.Sleep(50);
        }
        throw new TimeoutException("pyftpdlib did not start listening within 15 s:\n" + Log);
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            if (_log.Length < 64 * 1024) _log.AppendLine(line);
        }
    }

    /// <summary>A python3 that imports pyftpdlib: the library tests' search (FTPLITE_PYTHON, else the system's).</summary>
    private static string? FindPython() => FtpLite.Tests.Client.Peers.PyFtpdLibServer.FindPython("pyftpdlib");

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
        _process.Dispose();
        Root.Dispose();
    }
}
