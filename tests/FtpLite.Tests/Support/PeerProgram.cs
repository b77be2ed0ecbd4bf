using System.Diagnostics;
using System.Text;

namespace FtpLite.Tests.Support;

/// <summary>What a peer program did: its exit code and everything it printed.</summary>
public sealed record PeerResult(string Program, int ExitCode, string StandardOutput, string StandardError, bool TimedOut)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    /// <summary>Fails the test with the program's own words unless it exited 0 in time.</summary>
    public PeerResult AssertSucceeded()
    {
        if (!Succeeded) Assert.Fail($"{Describe()}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}");
        return this;
    }

    public string Describe() => TimedOut ? $"{Program} timed out and was killed" : $"{Program} exited with {ExitCode}";
}

/// <summary>
/// Real FTP clients (curl, lftp, python3, tnftp) run as child processes: found on PATH, fed stdin, bounded in time,
/// their output captured. A missing program skips its test, unless FTPLITE_REQUIRE_PEERS=1 (as CI sets), where a
/// skip would hide that nothing was tested, so it fails instead.
/// </summary>
public static class PeerProgram
{
    public const string RequireVariable = "FTPLITE_REQUIRE_PEERS";
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The program's full path on PATH, or null.</summary>
    public static string? Find(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var extensions = OperatingSystem.IsWindows() ? new[] { ".exe", ".cmd", string.Empty } : new[] { string.Empty };
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var extension in extensions)
            {
                var candidate = Path.Combine(folder, name + extension);
                if (File.Exists(candidate) && IsExecutable(candidate)) return candidate;
            }
        }
        return null;
    }

    /// <summary>The program's full path; when absent, skips the test (or fails it when peers are required).</summary>
    public static string Require(string name)
    {
        var found = Find(name);
        if (found is not null) return found;
        var message = $"{name} is not installed";
        if (Environment.GetEnvironmentVariable(RequireVariable) == "1") Assert.Fail($"{message}, and {RequireVariable}=1 requires every peer program (bash tests/run.sh installs them as root)");
        Assert.Skip(message);
        return name; // not reached: Assert.Skip throws
    }

    /// <summary>Runs a program to its end or the timeout (then kills it and its children), capturing stdout and stderr. A null environment value removes that variable.</summary>
    public static async Task<PeerResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        string? standardInput = null,
        TimeSpan? timeout = null,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // Peers must not pick up a developer's settings (~/.curlrc, ~/.netrc, translated messages).
        start.Environment["LC_ALL"] = "C";
        start.Environment["LANG"] = "C";
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                if (value is null) start.Environment.Remove(key);
                else start.Environment[key] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            if (standardInput is not null) await process.StandardInput.WriteAsync(standardInput);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program exited before reading all of its input; its exit code tells the story.
        }

        var timedOut = false;
        using (var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout))
        {
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        return new PeerResult(Path.GetFileName(program), process.ExitCode, await stdout, await stderr, timedOut);
    }

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
