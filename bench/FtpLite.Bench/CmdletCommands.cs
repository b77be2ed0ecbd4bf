using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace FtpLite.Bench;

/// <summary>
/// `cmdlets get|put|mget|mput|mirror-up|mirror-down`: the module's cmdlets (Receive-FtpLiteFile, Send-FtpLiteFile, Sync-FtpLiteDirectory) doing the client rows'
/// work through a hosted PowerShell engine, progress on (the default). Timed from the pipeline's start to its end: the
/// runspace is opened and the module imported before the clock starts, as in a session where it is already loaded.
/// The first call in a process compiles the module's code (JIT); `--warm` (mget, mput) runs the command once before,
/// to other targets, and times the second call, as in a session that has used the module already.
/// </summary>
public static class CmdletCommands
{
    public static int Run(Args args)
    {
        var action = args.Text("--do") ?? throw new ArgumentException("cmdlets: give --do get|put|mget|mput|mirror-up|mirror-down");
        var remote = args.Required("--path");
        var local = args.Required("--local");
        var parallel = Math.Max(1, args.Int("--parallel", 1));
        var connection = $"-Server 127.0.0.1 -Port {args.Int("--port", 21)}";
        var warm = args.Flag("--warm");
        if (warm && action is not ("mget" or "mput" or "mirror-down" or "mirror-up")) throw new ArgumentException("cmdlets: --warm is for mget, mput and the mirrors");

        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(args.Required("--module"));
        using var runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
        if (warm)
        {
            // The same command once before, to other targets: what is timed is a session that has used the module.
            var warmLocal = action is "mget" or "mirror-down" ? local + "-warm" : local;
            var warmRemote = action is "mput" or "mirror-up" ? remote + "-warm" : remote;
            using var first = Command(runspace, action, warmRemote, warmLocal, parallel, connection);
            first.Invoke();
            if (action is "mget" or "mirror-down") Directory.Delete(warmLocal, recursive: true);
            if (first.HadErrors) return Failed(first);
        }

        using var shell = Command(runspace, action, remote, local, parallel, connection);
        var (jitMethods, jitTime) = (System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime());
        var clock = Stopwatch.StartNew();
        var output = shell.Invoke();
        clock.Stop();

        if (shell.HadErrors) return Failed(shell);
        Console.WriteLine($"RESULT client_seconds {clock.Elapsed.TotalSeconds:F4}");
        Console.WriteLine($"RESULT client_count {output.Count}");
        Console.WriteLine($"RESULT progress_records {shell.Streams.Progress.Count}");
        // What the timed call spent compiling (JIT), all threads: the first call's cost that a warm session does not pay.
        Console.WriteLine($"RESULT jit_methods {System.Runtime.JitInfo.GetCompiledMethodCount() - jitMethods}");
        Console.WriteLine($"RESULT jit_seconds {(System.Runtime.JitInfo.GetCompilationTime() - jitTime).TotalSeconds:F4}");
        return 0;
    }

    private static PowerShell Command(Runspace runspace, string action, string remote, string local, int parallel, string connection)
    {
        var (script, arguments) = action switch
        {
            "get" => ($"Receive-FtpLiteFile -PassThru -Path $args[0] -Destination $args[1] -Force {connection}", new object[] { remote, local }),
            "put" => ($"Send-FtpLiteFile -PassThru -LiteralPath $args[1] -Destination $args[0] -Force {connection}", new object[] { remote, local }),
            "mget" => ($"Receive-FtpLiteFile -PassThru -Path ($args[0] + '/*') -Destination $args[1] -Force -ThrottleLimit {parallel} {connection}",
                new object[] { remote, local }),
            "mput" => ($"$null = New-FtpLiteDirectory $args[0] {connection}; Send-FtpLiteFile -PassThru -LiteralPath $args[1] -Destination $args[0] -Force -ThrottleLimit {parallel} {connection}",
                new object[] { remote, Directory.GetFiles(local) }),
            "mirror-up" => ($"Sync-FtpLiteDirectory Upload $args[1] $args[0] -PassThru -ThrottleLimit {parallel} {connection}", new object[] { remote, local }),
            "mirror-down" => ($"Sync-FtpLiteDirectory Download $args[1] $args[0] -PassThru -ThrottleLimit {parallel} {connection}", new object[] { remote, local }),
            _ => throw new ArgumentException("cmdlets: --do get|put|mget|mput|mirror-up|mirror-down"),
        };
        var shell = PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddScript(script);
        foreach (var argument in arguments) shell.AddArgument(argument);
        return shell;
    }

    private static int Failed(PowerShell shell)
    {
        foreach (var error in shell.Streams.Error) Console.Error.WriteLine($"cmdlets: {error}");
        return 1;
    }
}
