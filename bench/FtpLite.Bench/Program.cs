using FtpLite.Bench;

// FtpLite.Bench: the drivers bench/run.sh calls. Each prints "RESULT name value" lines.
//   host    --root DIR [--port N] [--cert PEM --key PEM [--require-tls]] [--max-sessions N] [--stdin]
//   swarm   --port N --file PATH [--size BYTES] [--clients 100] [--user U --pass P]
//   latency --port N [--count 200] [--budget-seconds 5] [--user U --pass P]
//   idle    --port N --pid SERVERPID [--sessions 1000] [--user U --pass P]
//   client  --do get|put|mget|mput --port N --path REMOTE [--local PATH] [--parallel N] [--no-progress] [--user U --pass P]
//   cmdlets --do get|put|mget|mput|mirror-up|mirror-down --port N --path REMOTE --local PATH --module out/FtpLite [--parallel N] [--warm]  (anonymous)
var options = new Args(args);
try
{
    return options.Verb switch
    {
        "host" => await HostCommand.RunAsync(options),
        "swarm" => await LoadCommands.SwarmAsync(options),
        "latency" => await LoadCommands.LatencyAsync(options),
        "idle" => await LoadCommands.IdleAsync(options),
        "client" => await ClientCommands.RunAsync(options),
        "cmdlets" => CmdletCommands.Run(options),
        _ => Usage(),
    };
}
catch (Exception e) when (e is ArgumentException or IOException or FtpLite.Client.FtpException)
{
    Console.Error.WriteLine($"FtpLite.Bench {options.Verb}: {e.Message}");
    return 1;
}

static int Usage()
{
    Console.Error.WriteLine("usage: FtpLite.Bench host|swarm|latency|idle|client|cmdlets [options]  (see Program.cs)");
    return 2;
}
