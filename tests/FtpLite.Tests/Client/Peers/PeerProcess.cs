using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace FtpLite.Tests.Client.Peers;

/// <summary>
/// A server program started for one test: bound to 127.0.0.1 on a free port, waited for until it accepts
/// connections (bounded), and killed on dispose. Its output is kept to explain a failed start.
/// </summary>
internal sealed class PeerProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PeerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; private set; }

    /// <summary>
    /// A port free right now, from 10000-19999: below every system's ephemeral range, so no passive data listener
    /// (which takes an ephemeral port) can grab it between this check and the peer's bind.
    /// </summary>
    public static int FreeFixedPort()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(10000, 20000);
            var listener = new TcpListener(IPAddress.Loopback, port);
            try
            {
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken; try another.
            }
            finally
            {
                listener.Stop();
            }
        }
        throw new InvalidOperationException("No free port found in 10000-19999.");
    }

    /// <summary>A port that nothing listens on, for connection-refused tests.</summary>
    public static int FreePort() => FreeFixedPort();

    /// <summary>
    /// Starts the program and waits until it accepts connections. The port is either <paramref name="port"/>, or read from
    /// the program's output with <paramref name="portInOutput"/> (for a program told to bind port 0). With
    /// <paramref name="greetingToken"/>, the first line a connection receives must contain it: proof that the program
    /// answering is ours and not another that holds the port.
    /// </summary>
    public static async Task<PeerProcess> StartAsync(
        ProcessStartInfo start, int? port, Regex? portInOutput, string? greetingToken, CancellationToken cancellationToken)
    {
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var peer = new PeerProcess(process, port ?? 0);
        process.OutputDataReceived += (_, e) => peer.Append(e.Data);
        process.ErrorDataReceived += (_, e) => peer.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await peer.WaitUntilAcceptingAsync(portInOutput, greetingToken, cancellationToken);
            return peer;
        }
        catch
        {
            peer.Dispose();
            throw;
        }
    }

    private async Task WaitUntilAcceptingAsync(Regex? portInOutput, string? greetingToken, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        for (var attempt = 0; attempt < 300 && clock.Elapsed < StartTimeout; attempt++)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"{_process.StartInfo.FileName} exited with {_process.ExitCode} before listening:\n{Output}");
            if (Port == 0)
            {
                var match = portInOutput!.Match(Output);
                if (match.Success) Port = int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
                else
                {
                    await Task.Delay(50, cancellationToken);
                    continue;
                }
            }
            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellationToken);
                continue;
            }
            if (greetingToken is null) return;
            probe.ReceiveTimeout = 5000;
            var greeting = new StreamReader(probe.GetStream(), Encoding.ASCII).ReadLine() ?? string.Empty;
            if (greeting.Contains(greetingToken, StringComparison.Ordinal)) return;
            throw new PortTakenException($"Another program answers on port {Port}: {greeting}");
        }
        throw new TimeoutException($"{_process.StartInfo.FileName} did not listen on port {Port} within {StartTimeout.TotalSeconds} s:\n{Output}");
    }

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            if (_output.Length < 64 * 1024) _output.AppendLine(line);
        }
    }

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
            // It exited between the check and the kill.
        }
        _process.Dispose();
    }
}

/// <summary>The chosen port was taken by another program before the peer could bind it; starting again helps.</summary>
internal sealed class PortTakenException : Exception
{
    public PortTakenException(string message) : base(message) { }
}
