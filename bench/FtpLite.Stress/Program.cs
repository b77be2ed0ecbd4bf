using System.Net;
using FtpLite.Server;
using FtpLite.Stress;

// Usage:
//   FtpLite.Stress fuzz [--lines 1000000] [--clients 8] [--seed 1]
//   FtpLite.Stress idle [--sessions 10000] [--max-sessions 20000]
//   FtpLite.Stress soak [--clients 50] [--minutes 10] [--max-file-kib 2048]
//   FtpLite.Stress host [--max-sessions N] [--root DIR]   (used by idle and soak: a server alone in its process)
var verb = args.Length > 0 ? args[0] : "help";
string? Text(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
long Option(string name, long fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? long.Parse(args[at + 1]) : fallback;
}

switch (verb)
{
    case "fuzz":
    {
        var report = await FuzzRun.RunAsync(Option("--lines", 1_000_000), (int)Option("--clients", 8), (int)Option("--seed", 1), Console.Out);
        Console.WriteLine($"lines sent        {report.Lines:N0}");
        Console.WriteLine($"reply lines read  {report.Replies:N0}");
        Console.WriteLine($"connections       {report.Reconnects:N0}");
        Console.WriteLine($"session failures  {report.SessionFailures}");
        Console.WriteLine($"server heap       {report.HeapBeforeBytes / 1024:N0} KiB before, {report.HeapAfterBytes / 1024:N0} KiB after");
        Console.WriteLine($"healthy after     {report.HealthyAfter}");
        Console.WriteLine($"duration          {report.Duration.TotalSeconds:F1} s ({report.Lines / report.Duration.TotalSeconds:N0} lines/s)");
        return report.HealthyAfter && report.SessionFailures == 0 ? 0 : 1;
    }
    case "idle":
    {
        var sessions = (int)Option("--sessions", 10_000);
        var report = await IdleRun.RunAsync(sessions, (int)Option("--max-sessions", sessions * 2), Console.Out);
        Console.WriteLine($"sessions held        {report.Held:N0} of {report.Requested:N0} ({report.Refused421} answered 421)");
        Console.WriteLine($"server RSS           {report.ServerRssBeforeKiB:N0} KiB before, {report.ServerRssHeldKiB:N0} KiB held");
        Console.WriteLine($"per session          {report.KiBPerSession:F1} KiB");
        Console.WriteLine($"new login meanwhile  median {report.NewLoginMedianMs:F2} ms, max {report.NewLoginMaxMs:F2} ms (connect+USER+PASS+PWD+QUIT); {report.NewLoginsRefused} of 21 answered 421");
        return 0;
    }
    case "soak":
    {
        var report = await SoakRun.RunAsync((int)Option("--clients", 50), TimeSpan.FromMinutes(Option("--minutes", 10)), (int)Option("--max-file-kib", 2048) * 1024, Console.Out);
        Console.WriteLine($"clients            {report.Clients} for {report.Duration.TotalMinutes:F1} min");
        Console.WriteLine($"operations         {report.Operations:N0} ({report.Operations / report.Duration.TotalSeconds:N0}/s), {report.Errors} errors");
        Console.WriteLine($"bytes              {report.BytesUp / 1048576.0:N0} MiB up, {report.BytesDown / 1048576.0:N0} MiB down, every download verified");
        Console.WriteLine($"mismatches         {report.Mismatches} (downloads, listings, and {report.FilesVerifiedAtEnd:N0} files re-read from disk at the end)");
        Console.WriteLine($"server RSS         {report.RssAfterWarmupKiB:N0} KiB after warm-up, {report.RssEndKiB:N0} KiB at the end, {report.RssMaxKiB:N0} KiB at most");
        Console.WriteLine($"RSS samples (MiB)  {string.Join(" ", report.RssSamplesKiB.Select(k => (k / 1024).ToString()))}");
        return report.Mismatches == 0 && report.Errors == 0 ? 0 : 1;
    }
    case "host":
    {
        var max = (int)Option("--max-sessions", 20_000);
        var ownRoot = Text("--root") is null;
        var root = Text("--root") ?? Directory.CreateTempSubdirectory("ftplite-host-").FullName;
        var server = new FtpServer(new FtpServerOptions
        {
            Root = root,
            Port = 0,
            ListenAddress = IPAddress.Loopback,
            MaxSessions = max,
            MaxSessionsPerAddress = max,
            IdleTimeout = TimeSpan.FromHours(1),
        });
        server.Start();
        Console.WriteLine($"PORT {server.EndPoint.Port}");
        await Console.In.ReadToEndAsync(); // Until the parent closes our stdin.
        await server.StopAsync(TimeSpan.FromSeconds(5));
        if (ownRoot) Directory.Delete(root, recursive: true);
        return 0;
    }
    default:
        Console.Error.WriteLine("usage: FtpLite.Stress fuzz|idle|host [options]  (see Program.cs)");
        return 2;
}
