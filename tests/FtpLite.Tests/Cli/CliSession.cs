using System.Diagnostics;
using System.Text;

namespace FtpLite.Tests.Cli;

/// <summary>
/// "ftplite connect" as a person drives it: lines typed into its stdin one at a time, its stdout read character by
/// character (prompts such as "ftp> " and "(local-file) " end no line), so a test can wait for a prompt before answering.
/// </summary>
internal sealed class CliSession : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly SemaphoreSlim _changed = new(0);
    private readonly Task _readers;
    private int _consumed;

    private CliSession(Process process)
    {
        _process = process;
        _readers = Task.WhenAll(PumpAsync(process.StandardOutput, _output), PumpAsync(process.StandardError, _error));
    }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public string Error
    {
        get { lock (_error) return _error.ToString(); }
    }

    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static CliSession Start(IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(CliProcess.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in CliProcess.Arguments(arguments)) start.ArgumentList.Add(argument);
        start.Environment.Remove("FTPLITE_PASSWORD");
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                if (value is null) start.Environment.Remove(key);
                else start.Environment[key] = value;
            }
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("ftplite did not start");
        return new CliSession(process);
    }

    /// <summary>
    /// Waits until stdout, after what earlier waits consumed, contains <paramref name="text"/>; returns everything up to and
    /// including it and consumes that. Fails the test with the transcript if it never comes (or the program exits first).
    /// </summary>
    public async Task<string> ExpectAsync(string text)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            lock (_output)
            {
                var index = _output.ToString().IndexOf(text, _consumed, StringComparison.Ordinal);
                if (index >= 0)
                {
                    var upTo = index + text.Length;
                    var seen = _output.ToString(_consumed, upTo - _consumed);
                    _consumed = upTo;
                    return seen;
                }
            }
            if (DateTime.UtcNow > deadline || _readers.IsCompleted)
                Assert.Fail($"ftplite never printed '{text}' (exited: {_process.HasExited}).\nstdout:\n{Output}\nstderr:\n{Error}");
            await _changed.WaitAsync(TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>Types one line.</summary>
    public async Task SendAsync(string line)
    {
        await _process.StandardInput.WriteAsync(line + "\n");
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Waits for the "ftp> " prompt, then types <paramref name="line"/>; returns what was printed before the prompt.</summary>
    public async Task<string> CommandAsync(string line)
    {
        var before = await ExpectAsync("ftp> ");
        await SendAsync(line);
        return before.Substring(0, before.Length - "ftp> ".Length);
    }

    /// <summary>Closes stdin (end of input, as Ctrl+D).</summary>
    public void EndInput() => _process.StandardInput.Close();

    /// <summary>The exit code; fails the test (and kills the program) if it does not exit in time.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var deadline = new CancellationTokenSource(Patience);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            await _readers;
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"ftplite did not exit.\nstdout:\n{Output}\nstderr:\n{Error}");
        }
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
        }
        _process.Dispose();
        _changed.Dispose();
    }

    private async Task PumpAsync(StreamReader reader, StringBuilder target)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer, 0, buffer.Length)) > 0)
        {
            lock (target) target.Append(buffer, 0, read);
            _changed.Release();
        }
    }
}
