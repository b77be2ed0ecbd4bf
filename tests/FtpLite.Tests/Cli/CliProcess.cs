using System.Diagnostics;
using System.Runtime.InteropServices;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Cli;

/// <summary>
/// The ftplite program run as a child process: its output read line by line as it comes, signals sent to it, its exit
/// awaited with a deadline. The program is the one FTPLITE_CLI names (the published Native AOT executable, as shipped:
/// tests/run.sh publishes it and sets the variable), else the built FtpLite.Cli.dll beside the tests (copied by the
/// project reference) run by the dotnet host.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    public const int SigInt = 2;
    public const int SigTerm = 15;

    private readonly Process _process;
    private readonly List<string> _output = new();
    private readonly List<string> _error = new();
    private readonly SemaphoreSlim _newLine = new(0);

    private CliProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The variable that names a published ftplite executable to test instead of the built dll.</summary>
    public const string ProgramVariable = "FTPLITE_CLI";

    /// <summary>The published program FTPLITE_CLI names, or null when the tests run the built dll.</summary>
    public static string? PublishedProgram => PublishedProgramPath.Value;

    /// <summary>What to start: the published program itself, or the dotnet host (with <see cref="Arguments"/> naming the dll).</summary>
    public static string FileName => PublishedProgram ?? DotnetHost();

    /// <summary>The command line after <see cref="FileName"/> for "ftplite ARGS".</summary>
    public static IEnumerable<string> Arguments(IEnumerable<string> arguments) =>
        PublishedProgram is null ? new[] { Path.Combine(AppContext.BaseDirectory, "FtpLite.Cli.dll") }.Concat(arguments) : arguments;

    // A set but wrong FTPLITE_CLI fails every CLI test rather than quietly testing the dll instead.
    private static readonly Lazy<string?> PublishedProgramPath = new(() =>
    {
        var path = Environment.GetEnvironmentVariable(ProgramVariable);
        if (string.IsNullOrEmpty(path)) return null;
        path = Path.GetFullPath(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{ProgramVariable} names '{path}', which does not exist.", path);
        return path;
    });

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get { lock (_output) return string.Join("\n", _output); }
    }

    public string Error
    {
        get { lock (_error) return string.Join("\n", _error); }
    }

    /// <summary>Runs "ftplite ARGS" to its end, for commands that do not keep running (help, bad arguments).</summary>
    public static Task<PeerResult> RunAsync(IReadOnlyDictionary<string, string?>? environment, params string[] arguments) =>
        PeerProgram.RunAsync(FileName, Arguments(arguments), timeout: TimeSpan.FromSeconds(60), environment: environment);

    public static Task<PeerResult> RunAsync(params string[] arguments) => RunAsync(null, arguments);

    /// <summary>Starts "ftplite ARGS" and leaves it running.</summary>
    public static CliProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        // A test host started in the background may ignore SIGINT, and a child inherits that; env resets it to the
        // default so the program's own handler can take it (the PID stays the program's: env execs it).
        if (EnvCanResetSigInt.Value)
        {
            start.FileName = "env";
            start.ArgumentList.Add("--default-signal=INT");
            start.ArgumentList.Add(FileName);
        }
        else
        {
            start.FileName = FileName;
        }
        foreach (var argument in Arguments(arguments)) start.ArgumentList.Add(argument);
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                if (value is null) start.Environment.Remove(key);
                else start.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = start };
        var cli = new CliProcess(process);
        process.OutputDataReceived += (_, e) => cli.Add(cli._output, e.Data);
        process.ErrorDataReceived += (_, e) => cli.Add(cli._error, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>The first stdout line matching <paramref name="predicate"/>; fails the test after the timeout or at exit.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            lock (_output)
            {
                var line = _output.FirstOrDefault(predicate);
                if (line is not null) return line;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || _process.HasExited && !await _newLine.WaitAsync(200))
                Assert.Fail($"ftplite printed no expected line (exited: {_process.HasExited}).\nstdout:\n{Output}\nstderr:\n{Error}");
            await _newLine.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    public void Signal(int signal)
    {
        if (SendSignal(_process.Id, signal) != 0) Assert.Fail($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>The exit code; fails the test (and kills the program) if it does not exit in time.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"ftplite did not exit within {timeout.TotalSeconds} s.\nstdout:\n{Output}\nstderr:\n{Error}");
        }
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
        _process.Dispose();
        _newLine.Dispose();
    }

    private void Add(List<string> lines, string? line)
    {
        if (line is null) return;
        lock (lines) lines.Add(line);
        _newLine.Release();
    }

    /// <summary>The dotnet host that runs the tests, else the one on PATH.</summary>
    internal static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
        return PeerProgram.Find("dotnet") ?? Path.Combine(RuntimeEnvironment(), OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
    }

    // .../dotnet/shared/Microsoft.NETCore.App/<version>/ → .../dotnet
    private static string RuntimeEnvironment() =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));

    private static readonly Lazy<bool> EnvCanResetSigInt = new(() =>
    {
        if (OperatingSystem.IsWindows() || PeerProgram.Find("env") is null) return false;
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("env", "--default-signal=INT true") { RedirectStandardError = true, UseShellExecute = false })!;
            probe.WaitForExit(10_000);
            return probe.HasExited && probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    // DllImport rather than LibraryImport: no unsafe code needed for two ints.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
