using System.Net;
using System.Net.Sockets;
using FtpLite.Cli.CommandLine;
using FtpLite.Cli.Serving;
using FtpLite.Cli.Serving.Stores;
using FtpLite.Server;

namespace FtpLite.Cli.Commands;

/// <summary>"ftplite serve": serves a folder until Ctrl+C or SIGTERM, logging sessions and transfers one line each.</summary>
public sealed class ServeCommand : ICommand
{
    private static readonly FtpServerOptions Defaults = new();

    public string Name => "serve";

    public string Summary => "Serve a folder (or another --store) over FTP until Ctrl+C or SIGTERM.";

    public string Usage => "[options]";

    public IReadOnlyList<OptionSpec> Options { get; } = new[]
    {
        new OptionSpec("--port", "N", $"control port; 0 picks a free one (default: {Defaults.Port})"),
        new OptionSpec("--address", "IP", $"address to listen on, IPv4 or IPv6 (default: {Defaults.ListenAddress})"),
        new OptionSpec("--user", "NAME", $"an account with read-write access; password from ${ServeOptionsReader.PasswordVariable}"),
        new OptionSpec("--anonymous", null, "let 'anonymous' log in with any password, read-only"),
        new OptionSpec("--anonymous-write", null, "let 'anonymous' upload, rename and delete too (loopback only)"),
        new OptionSpec("--passive-ports", "MIN-MAX", "ports for passive data connections (default: a free one of 49152-65535)"),
        new OptionSpec("--passive-address", "IP", "address announced to PASV clients, for a server behind NAT"),
        new OptionSpec("--max-sessions", "N", $"clients connected at once (default: {Defaults.MaxSessions})"),
        new OptionSpec("--max-sessions-per-address", "N", $"clients connected at once from one address (default: {Defaults.MaxSessionsPerAddress} or --max-sessions)"),
        new OptionSpec("--idle-timeout", "SECONDS", $"close a session idle this long (default: {(int)Defaults.IdleTimeout.TotalSeconds})"),
    }.Concat(StoreProviders.Options).Concat(ServeTlsReader.Options).ToArray();

    public string Details =>
        "With neither --user nor --anonymous, a server on a loopback address lets anyone log in\n" +
        "read-write (a quick start for tests); on any other address, say who may log in.\n" +
        "FTPS: 'ftplite cert --host NAME' makes a certificate; with --certificate, clients may switch to TLS\n" +
        "(AUTH TLS), and with --require-tls they must.\n" +
        "Exit codes: 0 stopped cleanly, 1 failed while running, 2 bad command line.";

    public async Task<int> RunAsync(ParsedArguments arguments, CommandContext context)
    {
        var options = ServeOptionsReader.Read(arguments, context);
        using var shutdown = new ShutdownSignal();
        using var server = new FtpServer(options);
        await using var log = new ServeLog(context.Output);
        server.Activity += (_, e) =>
        {
            if (e.SessionId != 0 || e.Kind == FtpServerEventKind.SessionRejected) log.Write(e);
        };

        try
        {
            server.Start();
        }
        catch (SocketException e)
        {
            await log.DisposeAsync().ConfigureAwait(false);
            context.Error.WriteLine($"{CliApplication.ToolName}: {DescribeListenFailure(e, options)}");
            return ExitCodes.Failure;
        }

        // Through the log from here on, so these lines keep their place among the sessions' lines.
        log.Write($"FtpLite serving {server.Serving} on {UrlOf(server.EndPoint)}");
        if (options.Certificate is { } certificate) log.Write(DescribeTls(server, certificate));
        log.Write($"Access: {DescribeAccess(options)}. Press Ctrl+C to stop.");

        var finished = await Task.WhenAny(shutdown.Received, server.Completion).ConfigureAwait(false);
        if (finished == shutdown.Received) log.Write($"Stopping ({shutdown.Received.Result})...");
        await server.StopAsync().ConfigureAwait(false);
        await log.DisposeAsync().ConfigureAwait(false);
        context.Output.WriteLine("FtpLite stopped.");
        return ExitCodes.Success;
    }

    private static string UrlOf(IPEndPoint endPoint) =>
        endPoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"ftp://[{endPoint.Address}]:{endPoint.Port}/" : $"ftp://{endPoint}/";

    private static string DescribeListenFailure(SocketException e, FtpServerOptions options) => e.SocketErrorCode switch
    {
        SocketError.AddressAlreadyInUse => $"port {options.Port} is in use on {options.ListenAddress}",
        SocketError.AddressNotAvailable => $"cannot listen on {options.ListenAddress}: no such address on this machine",
        SocketError.AccessDenied => $"not allowed to listen on port {options.Port} (ports below 1024 need privileges)",
        _ => $"cannot listen on {options.ListenAddress} port {options.Port}: {e.Message}",
    };

    private static string DescribeTls(FtpServer server, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        var mode = server.Options.RequireTls ? "TLS required (AUTH TLS)" : "TLS offered (AUTH TLS)";
        var implicitTls = server.ImplicitTlsEndPoint is { } endPoint ? $", implicit TLS on port {endPoint.Port}" : "";
        return $"{mode}{implicitTls}; certificate {certificate.Subject}, SHA-256 {FtpLite.Tls.CertificateFiles.Sha256Thumbprint(certificate)}";
    }

    private static string DescribeAccess(FtpServerOptions options)
    {
        var parts = options.Users.Select(u => $"user {u.Name} (read-write)").ToList();
        var anonymous = options.AllowAnonymous ?? (options.Users.Count == 0 && IPAddress.IsLoopback(options.ListenAddress));
        if (anonymous)
        {
            var write = options.AnonymousWrite ?? options.AllowAnonymous is null;
            parts.Add(write ? "anonymous (read-write)" : "anonymous (read-only)");
        }
        return string.Join(", ", parts);
    }
}
