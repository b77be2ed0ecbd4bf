using System.Management.Automation;
using System.Management.Automation.Runspaces;
using PS = System.Management.Automation.PowerShell;

namespace FtpLite.PowerShell.Tests.Support;

/// <summary>
/// A hosted PowerShell session with the built module imported from out/FtpLite, as a user's script would see it.
/// Terminating errors arrive as exceptions from <see cref="Run"/>; non-terminating ones in the result's Errors.
/// </summary>
/// <remarks>
/// In a script, a cmdlet's terminating error ends only its statement, and Invoke() would not throw. So each script runs
/// inside try/catch with a rethrow: the first terminating error ends the script and comes out of Invoke() as an exception
/// carrying the cmdlet's ErrorRecord, while non-terminating errors (which catch does not see) stay in the Error stream.
/// </remarks>
public sealed class PowerShellSession : IDisposable
{
    private PowerShellSession(bool importModule)
    {
        Host = new TestHost();
        // CreateDefault2: the core cmdlets only, loaded fast; CreateDefault fails with this package.
        Runspace = RunspaceFactory.CreateRunspace(Host, InitialSessionState.CreateDefault2());
        Runspace.Open();
        if (importModule) Run("Import-Module -Name $args[0] -ErrorAction Stop", RepoPaths.ModuleManifest);
    }

    public TestHost Host { get; }

    public TestHostUserInterface UI => Host.TestUI;

    public Runspace Runspace { get; }

    public static PowerShellSession Start(bool importModule = true) => new(importModule);

    public void SetVariable(string name, object? value) => Runspace.SessionStateProxy.SetVariable(name, value);

    /// <summary>Runs a script to its end; <paramref name="arguments"/> are its $args.</summary>
    public ScriptResult Run(string script, params object?[] arguments)
    {
        using var ps = Create(script, arguments);
        var output = ps.Invoke();
        return new ScriptResult(output.Where(o => o is not null).ToArray(), ps.Streams, ps.HadErrors);
    }

    /// <summary>Runs a script that must end in a terminating error, and returns that error.</summary>
    public ErrorRecord RunExpectingTerminatingError(string script, params object?[] arguments)
    {
        var error = Assert.ThrowsAny<RuntimeException>(() => Run(script, arguments));
        return error.ErrorRecord;
    }

    /// <summary>Starts a script without waiting for it: for cmdlets that block, such as Start-FtpLiteServer -Wait.</summary>
    public RunningScript Begin(string script, params object?[] arguments) => new(Create(script, arguments));

    public void Dispose() => Runspace.Dispose();

    private PS Create(string script, object?[] arguments)
    {
        var ps = PS.Create();
        ps.Runspace = Runspace;
        ps.AddScript("try {\n" + script + "\n} catch { throw }");
        foreach (var argument in arguments) ps.AddArgument(argument);
        return ps;
    }
}

/// <summary>A script running in the background of a test, stopped as Ctrl+C would stop it.</summary>
public sealed class RunningScript : IDisposable
{
    private readonly PS _ps;
    private readonly PSDataCollection<PSObject> _output = new();
    private readonly IAsyncResult _invocation;

    internal RunningScript(PS ps)
    {
        _ps = ps;
        _invocation = ps.BeginInvoke<PSObject, PSObject>(null, _output);
    }

    public PSDataStreams Streams => _ps.Streams;

    public PSInvocationState State => _ps.InvocationStateInfo.State;

    public bool IsCompleted => _invocation.IsCompleted;

    /// <summary>Waits (bounded) until the script has written <paramref name="count"/> objects, and returns them.</summary>
    public IReadOnlyList<PSObject> WaitForOutput(int count, TimeSpan timeout)
    {
        Assert.True(Poll.Until(() => _output.Count >= count || _invocation.IsCompleted, timeout), $"No {count} output object(s) within {timeout}.");
        var reason = _ps.InvocationStateInfo.Reason;
        Assert.True(_output.Count >= count, $"The script ended with {_output.Count} output object(s): {reason?.Message}");
        return _output.ToArray();
    }

    /// <summary>Stops the script as Ctrl+C does (the cmdlet's StopProcessing), and waits for it to end, bounded.</summary>
    public void Stop(TimeSpan timeout)
    {
        var stopping = _ps.BeginStop(null, null);
        Assert.True(stopping.AsyncWaitHandle.WaitOne(timeout), $"The script did not stop within {timeout}.");
        _ps.EndStop(stopping);
    }

    public void Dispose()
    {
        // Best effort and bounded, without asserting: a failing test's own message must not be masked by this one.
        if (!_invocation.IsCompleted) _ps.BeginStop(null, null).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(30));
        _ps.Dispose();
        _output.Dispose();
    }
}
