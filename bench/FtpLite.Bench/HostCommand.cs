using System.Net;
using System.Runtime.InteropServices;
using FtpLite.Server;
using FtpLite.Tls;

namespace FtpLite.Bench;

/// <summary>
/// `host`: FtpLite's server alone in this process (until `ftplite serve` lands), anonymous read-write on loopback.
/// Prints "PORT n" once listening; stops on SIGTERM, SIGINT or when stdin closes (if --stdin).
/// </summary>
public static class HostCommand
{
    public static async Task<int> RunAsync(Args args)
    {
        var max = args.Int("--max-sessions", 20_000);
        var options = new FtpServerOptions
        {
            Root = args.Required("--root"),
            Port = args.Int("--port", 0),
            ListenAddress = IPAddress.Loopback,
            AllowAnonymous = true,
            AnonymousWrite = true,
            MaxSessions = max,
            MaxSessionsPerAddress = max,
            IdleTimeout = TimeSpan.FromHours(1),
        };
        if (args.Text("--cert") is { } cert)
        {
            options.Certificate = CertificateFiles.Load(cert, args.Text("--key"));
            options.RequireTls = args.Flag("--require-tls");
        }
        var server = new FtpServer(options);
        server.Start();
        Console.WriteLine($"PORT {server.EndPoint.Port}");
        Console.Out.Flush();

        var stop = new TaskCompletionSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
        if (args.Flag("--stdin")) _ = Task.Run(async () => { await Console.In.ReadToEndAsync(); stop.TrySetResult(); });
        await stop.Task;
        await server.StopAsync(TimeSpan.FromSeconds(3));
        return 0;
    }
}
