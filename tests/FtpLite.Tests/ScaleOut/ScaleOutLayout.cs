using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using FtpLite.Client;
using FtpLite.Tests.Cli;
using FtpLite.Tests.Client.Peers;

namespace FtpLite.Tests.ScaleOut;

/// <summary>
/// The layout of docs/scale-out.md, started for one test: three "ftplite serve" processes on 127.0.0.2-4 over one
/// store, each announcing the front address 127.0.0.1 with a passive range of its own, behind an HAProxy process on
/// 127.0.0.1 with a configuration of its own (never a system service). Ports are picked free at start. Everything is
/// killed on dispose. HAProxy missing skips the test (fails it under FTPLITE_REQUIRE_PEERS=1).
/// </summary>
internal sealed class ScaleOutLayout : IDisposable
{
    public const string User = "alice";
    public const string Password = "scale-out secret";
    public const int PassivePortsPerNode = 20;
    public static readonly IPAddress FrontAddress = IPAddress.Loopback;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly List<CliProcess> _processes = new();
    private PeerProcess? _proxy;

    private ScaleOutLayout(IReadOnlyList<ScaleOutNode> nodes, int frontPort)
    {
        Nodes = nodes;
        FrontPort = frontPort;
    }

    public IReadOnlyList<ScaleOutNode> Nodes { get; }

    public int FrontPort { get; }

    public string FrontUrl => $"ftp://{FrontAddress}:{FrontPort}/";

    /// <summary>What each node is told about the store: a shared folder. (The bucket variant adds "--store s3 --bucket …" here.)</summary>
    public static string[] SharedFolder(string path) => new[] { "--root", path };

    /// <summary>
    /// Starts three nodes with <paramref name="storeArguments"/> (and <paramref name="extraArguments"/>), then the
    /// front. A port another program took in between fails the start; it is tried again with new ports (bounded).
    /// </summary>
    public static async Task<ScaleOutLayout> StartAsync(IReadOnlyList<string> storeArguments, IReadOnlyList<string>? extraArguments = null)
    {
        var haproxy = FindHaProxy();
        for (var attempt = 1; ; attempt++)
        {
            var layout = PickPorts();
            try
            {
                await layout.StartNodesAsync(storeArguments, extraArguments ?? Array.Empty<string>());
                await layout.StartFrontAsync(haproxy);
                return layout;
            }
            catch (Exception e)
            {
                // Whatever failed, nothing of this attempt stays running.
                layout.Dispose();
                if (attempt >= 3 || e is not (InvalidOperationException or PortTakenException or TimeoutException)) throw;
                TestContext.Current.TestOutputHelper?.WriteLine($"scale-out start attempt {attempt} failed, new ports: {e.Message}");
            }
        }
    }

    public FtpClientOptions FrontOptions() => Options(FrontAddress.ToString(), FrontPort);

    public FtpClientOptions NodeOptions(int index) => Options(Nodes[index].Address, Nodes[index].ControlPort);

    public Task<FtpClient> ConnectFrontAsync() => FtpClient.ConnectAsync(FrontOptions());

    public Task<FtpClient> ConnectNodeAsync(int index) => FtpClient.ConnectAsync(NodeOptions(index));

    /// <summary>
    /// Which node serves <paramref name="client"/>: the one whose passive range holds the port its PASV announces (the
    /// listener that PASV opened is closed again by the client's next transfer command, or at its end).
    /// </summary>
    public async Task<int> ServingNodeAsync(FtpClient client)
    {
        var reply = await client.ExecuteAsync("PASV");
        var numbers = Regex.Match(reply.Message, @"(\d+),(\d+),(\d+),(\d+),(\d+),(\d+)");
        Assert.True(reply.Code == 227 && numbers.Success, $"PASV answered {reply.Code} {reply.Message}");
        Assert.Equal(FrontAddress.ToString(), string.Join(".", Enumerable.Range(1, 4).Select(i => numbers.Groups[i].Value)));
        var port = int.Parse(numbers.Groups[5].Value) * 256 + int.Parse(numbers.Groups[6].Value);
        var index = Nodes.ToList().FindIndex(n => n.OwnsPassivePort(port));
        Assert.True(index >= 0, $"PASV announced port {port}, in no node's range");
        return index;
    }

    /// <summary>kill -9: the node ends at once, its sessions and transfers cut, nothing flushed or cleaned.</summary>
    public async Task KillAsync(int index)
    {
        const int SigKill = 9;
        _processes[index].Signal(SigKill);
        Assert.Equal(128 + SigKill, await _processes[index].WaitForExitAsync(StartTimeout));
    }

    /// <summary>How many logins node <paramref name="index"/> has reported (its activity lines "LoginSucceeded").</summary>
    public int LoginsServed(int index) =>
        _processes[index].Output.Split('\n').Count(line => line.Contains(" LoginSucceeded: ", StringComparison.Ordinal));

    /// <summary>What each node and the proxy printed (the nodes' activity lines among it).</summary>
    public string Logs() => string.Join("\n", _processes.Select((p, i) => $"--- node {i + 1} ({Nodes[i].Address}) ---\n{p.Output}\n{p.Error}"))
        + $"\n--- haproxy ---\n{_proxy?.Output}";

    /// <summary>Kills everything, then writes what each process printed to the test's output (to explain a failure).</summary>
    public void Dispose()
    {
        _proxy?.Dispose();
        foreach (var process in _processes) process.Dispose();
        if (_processes.Count > 0) TestContext.Current.TestOutputHelper?.WriteLine(Logs());
    }

    private static FtpClientOptions Options(string host, int port) => new(host, port)
    {
        UserName = User,
        Password = Password,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        CommandTimeout = TimeSpan.FromSeconds(30),
        DataTimeout = TimeSpan.FromSeconds(30),
    };

    private static ScaleOutLayout PickPorts()
    {
        var nodes = new List<ScaleOutNode>();
        var taken = new List<(int, int)>();
        for (var n = 2; n <= 4; n++)
        {
            var address = IPAddress.Parse($"127.0.0.{n}");
            var control = FreePorts.One(address);
            taken.Add((control, control));
            // Free on the node's address (its listeners) and on the front's (the proxy's listeners for the same ports).
            var first = FreePorts.Range(PassivePortsPerNode, taken, address, FrontAddress);
            taken.Add((first, first + PassivePortsPerNode - 1));
            nodes.Add(new ScaleOutNode(address.ToString(), control, first, first + PassivePortsPerNode - 1));
        }
        int front;
        do front = FreePorts.One(FrontAddress);
        while (taken.Any(t => front >= t.Item1 && front <= t.Item2));
        return new ScaleOutLayout(nodes, front);
    }

    private async Task StartNodesAsync(IReadOnlyList<string> storeArguments, IReadOnlyList<string> extraArguments)
    {
        var environment = new Dictionary<string, string?> { ["FTPLITE_PASSWORD"] = Password };
        foreach (var node in Nodes)
        {
            var arguments = new List<string>
            {
                "serve", "--address", node.Address, "--port", node.ControlPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--passive-address", FrontAddress.ToString(), "--passive-ports", $"{node.PassiveFirst}-{node.PassiveLast}",
                "--user", User,
            };
            arguments.AddRange(storeArguments);
            arguments.AddRange(extraArguments);
            _processes.Add(CliProcess.Start(arguments, environment));
        }
        foreach (var process in _processes)
        {
            var started = Stopwatch.StartNew();
            while (!process.Output.Contains("FtpLite serving ", StringComparison.Ordinal))
            {
                if (process.HasExited) throw new InvalidOperationException($"a node did not start:\n{process.Output}\n{process.Error}");
                if (started.Elapsed > StartTimeout) throw new TimeoutException($"a node did not start within {StartTimeout.TotalSeconds} s");
                await Task.Delay(50);
            }
        }
    }

    private async Task StartFrontAsync(string haproxy)
    {
        var config = Path.Combine(Path.GetTempPath(), $"ftplite-haproxy-{Guid.NewGuid():N}.cfg");
        await File.WriteAllTextAsync(config, HaProxyConfig.For(FrontAddress.ToString(), FrontPort, Nodes));
        var start = new ProcessStartInfo(haproxy);
        // -db: stay in the foreground, so that the process is ours to end; -f: this configuration only.
        foreach (var argument in new[] { "-db", "-f", config }) start.ArgumentList.Add(argument);
        var libraries = PeerBinary.LibraryPath(haproxy);
        if (libraries is not null) start.Environment["LD_LIBRARY_PATH"] = libraries;
        try
        {
            // Ready when a connection to the front is greeted by a node.
            using var deadline = new CancellationTokenSource(StartTimeout);
            _proxy = await PeerProcess.StartAsync(start, FrontPort, null, "220", deadline.Token);
        }
        finally
        {
            File.Delete(config); // read once at start
        }
    }

    private static string FindHaProxy()
    {
        var found = PeerBinary.Find("FTPLITE_HAPROXY", "haproxy", "usr/sbin/haproxy") ?? Support.PeerProgram.Find("haproxy");
        if (found is null) throw PeerRequirement.Missing("HAProxy is not available (bash tests/peers/get-haproxy.sh unpacks it)");
        return found;
    }
}
