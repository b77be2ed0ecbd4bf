using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using FtpLite.Tests.Interop;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Cli;

/// <summary>"ftplite serve" as a user runs it: a real process, driven by curl and raw sockets, stopped by signals.</summary>
public class ServeCommandTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(CliProcess.SigTerm)]
    [InlineData(CliProcess.SigInt)]
    public async Task Serve_PortZero_PrintsTheRealPort_Serves_AndStopsCleanlyOnSignal(int signal)
    {
        SkipOnWindows();
        using var root = new TempFolder();
        File.WriteAllText(root.Combine("hello.txt"), "hello from the cli");
        using var local = new TempFolder();
        var upload = local.WriteRandomFile("up.bin", 100_000);

        using var cli = CliProcess.Start(new[] { "serve", "--port", "0", "--root", root.Path });
        var port = await WaitForServingAsync(cli, root.Path, "127.0.0.1");

        (await Curl.RunAsync("-T", local.Combine("up.bin"), $"ftp://127.0.0.1:{port}/up.bin")).AssertSucceeded();
        var hello = (await Curl.RunAsync($"ftp://127.0.0.1:{port}/hello.txt")).AssertSucceeded();
        await cli.WaitForLineAsync(l => l.Contains("TransferCompleted") && l.Contains("/hello.txt"), StartTimeout);
        cli.Signal(signal);
        var exitCode = await cli.WaitForExitAsync(StopTimeout);

        Assert.Equal("hello from the cli", hello.StandardOutput);
        Assert.Equal(upload, File.ReadAllBytes(root.Combine("up.bin")));
        Assert.Equal(0, exitCode);
        Assert.Equal("", cli.Error);
        var log = cli.Output.Split('\n');
        Assert.Contains(log, l => Regex.IsMatch(l, @" #1 127\.0\.0\.1:\d+ SessionStarted: "));
        Assert.Contains(log, l => Regex.IsMatch(l, @" #1 127\.0\.0\.1:\d+ anonymous LoginSucceeded: "));
        Assert.Contains(log, l => l.Contains("TransferCompleted") && l.Contains("/up.bin"));
        Assert.Equal("FtpLite stopped.", log[^1]);
        AssertPortIsFree(IPAddress.Loopback, port);
    }

    [Fact]
    public async Task Serve_WithUser_TakesThePasswordFromTheEnvironment_AndRefusesAnonymous()
    {
        SkipOnWindows();
        using var root = new TempFolder();
        File.WriteAllText(root.Combine("private.txt"), "for alice");
        var environment = new Dictionary<string, string?> { ["FTPLITE_PASSWORD"] = "correct horse" };

        using var cli = CliProcess.Start(new[] { "serve", "--port", "0", "--root", root.Path, "--user", "alice" }, environment);
        var port = await WaitForServingAsync(cli, root.Path, "127.0.0.1");
        var alice = await Curl.RunAsync("-u", "alice:correct horse", $"ftp://127.0.0.1:{port}/private.txt");
        var wrong = await Curl.RunAsync("-u", "alice:battery staple", $"ftp://127.0.0.1:{port}/private.txt");
        var anonymous = await Curl.RunAsync($"ftp://127.0.0.1:{port}/private.txt");
        cli.Signal(CliProcess.SigTerm);

        Assert.Equal(0, await cli.WaitForExitAsync(StopTimeout));
        Assert.Equal("for alice", alice.AssertSucceeded().StandardOutput);
        Assert.Equal(67, wrong.ExitCode); // CURLE_LOGIN_DENIED
        Assert.Equal(67, anonymous.ExitCode);
        Assert.DoesNotContain("correct horse", cli.Output);
    }

    [Fact]
    public async Task Serve_UserWithoutPasswordVariable_Exit2_OneLineNamingTheVariable()
    {
        var result = await CliProcess.RunAsync(new Dictionary<string, string?> { ["FTPLITE_PASSWORD"] = null }, "serve", "--port", "0", "--user", "alice");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StandardError.Lines());
        Assert.Contains("FTPLITE_PASSWORD", line);
        Assert.Equal("", result.StandardOutput);
    }

    [Theory]
    [InlineData]
    [InlineData("frobnicate")]
    [InlineData("serve", "--port", "abc")]
    [InlineData("serve", "--port", "65536")]
    [InlineData("serve", "--port", "-1")]
    [InlineData("serve", "--port")]
    [InlineData("serve", "--bogus")]
    [InlineData("serve", "extra-word")]
    [InlineData("serve", "--anonymous=yes")]
    [InlineData("serve", "--port", "1", "--port", "2")]
    [InlineData("serve", "--address", "not-an-ip")]
    [InlineData("serve", "--passive-address", "300.1.1.1")]
    [InlineData("serve", "--passive-ports", "6000")]
    [InlineData("serve", "--passive-ports", "7000-6000")]
    [InlineData("serve", "--passive-ports", "80-90")]
    [InlineData("serve", "--max-sessions", "0")]
    [InlineData("serve", "--max-sessions-per-address", "0")]
    [InlineData("serve", "--max-sessions", "5", "--max-sessions-per-address", "6")]
    [InlineData("serve", "--idle-timeout", "0")]
    [InlineData("serve", "--root", "/definitely/not/a/folder/here")]
    [InlineData("serve", "--store", "nowhere")]
    [InlineData("serve", "--store")]
    [InlineData("serve", "--store", "s3")]
    [InlineData("serve", "--store", "s3", "--bucket", "b", "--endpoint", "ftp://127.0.0.1/")]
    [InlineData("serve", "--store", "s3", "--bucket", "b", "--profile", "no-such-profile-here")]
    [InlineData("serve", "--bucket", "b")]
    [InlineData("serve", "--address", "0.0.0.0")]
    [InlineData("serve", "--address", "0.0.0.0", "--anonymous-write")]
    public async Task BadCommandLine_Exit2_OneLineOnStderr(params string[] arguments)
    {
        var result = await CliProcess.RunAsync(arguments);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StandardError.Lines());
        Assert.StartsWith("ftplite", line);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public async Task Serve_StoreLocal_IsTheFolderOfRoot()
    {
        SkipOnWindows();
        using var root = new TempFolder();
        File.WriteAllText(root.Combine("hello.txt"), "local store");

        using var cli = CliProcess.Start(new[] { "serve", "--store", "local", "--port", "0", "--root", root.Path });
        var port = await WaitForServingAsync(cli, root.Path, "127.0.0.1");
        var hello = await Curl.RunAsync($"ftp://127.0.0.1:{port}/hello.txt");
        cli.Signal(CliProcess.SigTerm);

        Assert.Equal(0, await cli.WaitForExitAsync(StopTimeout));
        Assert.Equal("local store", hello.AssertSucceeded().StandardOutput);
    }

    [Fact]
    public async Task Serve_UnknownStore_Exit2_NamingTheKnownOnes()
    {
        var result = await CliProcess.RunAsync("serve", "--store", "floppy");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("ftplite serve: --store 'floppy' is unknown; choose local", Assert.Single(result.StandardError.Lines()));
    }

    [Fact]
    public async Task Serve_PortInUse_Exit1_NamingThePortAndAddress()
    {
        using var root = new TempFolder();
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((IPEndPoint)taken.LocalEndpoint).Port;

            var result = await CliProcess.RunAsync("serve", "--port", port.ToString(), "--root", root.Path);

            Assert.Equal(1, result.ExitCode);
            Assert.Equal($"ftplite: port {port} is in use on 127.0.0.1", Assert.Single(result.StandardError.Lines()));
        }
        finally
        {
            taken.Stop();
        }
    }

    [Fact]
    public async Task Help_Exit0_ListsTheCommandsAndEveryServeOption()
    {
        var overview = await CliProcess.RunAsync("--help");
        var serve = await CliProcess.RunAsync("serve", "--help");
        var shortForm = await CliProcess.RunAsync("serve", "-h");

        Assert.Equal(0, overview.ExitCode);
        Assert.Contains(overview.StandardOutput.Lines(), l => l.TrimStart().StartsWith("serve "));
        Assert.Equal(0, serve.ExitCode);
        Assert.Equal(serve.StandardOutput, shortForm.StandardOutput);
        string[] options = ["--root DIR", "--port N", "--address IP", "--user NAME", "--anonymous", "--anonymous-write",
            "--passive-ports MIN-MAX", "--passive-address IP", "--max-sessions N", "--max-sessions-per-address N", "--idle-timeout SECONDS", "--store KIND", "--help"];
        foreach (var option in options) Assert.Contains(serve.StandardOutput.Lines(), l => l.TrimStart().StartsWith(option) || l.Contains(", " + option));
        Assert.Equal("", serve.StandardError);
    }

    [Fact]
    public async Task Serve_PassivePortsAndAddress_AreWhatPasvAnnounces()
    {
        SkipOnWindows();
        using var root = new TempFolder();
        var dataPort = FreePort();

        using var cli = CliProcess.Start(new[] { "serve", "--port", "0", "--root", root.Path, "--passive-ports", $"{dataPort}-{dataPort}", "--passive-address", "127.0.0.2" });
        var port = await WaitForServingAsync(cli, root.Path, "127.0.0.1");
        // --ftp-skip-pasv-ip: curl connects to the control address anyway, so the listing works whatever the announcement.
        var pasv = await Curl.RunAsync("-v", "--disable-epsv", "--ftp-skip-pasv-ip", $"ftp://127.0.0.1:{port}/");
        var epsv = await Curl.RunAsync("-v", $"ftp://127.0.0.1:{port}/");
        cli.Signal(CliProcess.SigTerm);
        await cli.WaitForExitAsync(StopTimeout);

        pasv.AssertSucceeded();
        epsv.AssertSucceeded();
        Assert.Matches($@"< 227 .*\(127,0,0,2,{dataPort >> 8},{dataPort & 0xFF}\)", pasv.StandardError);
        Assert.Contains($"(|||{dataPort}|)", epsv.StandardError);
    }

    [Fact]
    public async Task Serve_MaxSessions_TurnsTheNextClientAway()
    {
        SkipOnWindows();
        using var root = new TempFolder();

        using var cli = CliProcess.Start(new[] { "serve", "--port", "0", "--root", root.Path, "--max-sessions", "1" });
        var port = await WaitForServingAsync(cli, root.Path, "127.0.0.1");
        using var first = await RawFtpConnection.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        using var second = await RawFtpConnection.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        cli.Signal(CliProcess.SigTerm);
        await cli.WaitForExitAsync(StopTimeout);

        Assert.Equal(220, first.Greeting.Code);
        Assert.Equal(421, second.Greeting.Code);
    }

    [Fact]
    public async Task Serve_MaxSessionsPerAddress_TurnsAwayTheSameAddressOnly()
    {
        SkipOnWindows();
        using var root = new TempFolder();

        using var cli = CliProcess.Start(new[] { "serve", "--port", "0", "--root", root.Path, "--max-sessions", "10", "--max-sessions-per-address", "1" });
        var port = await WaitForServingAsync(cli, root.Path, "127.0.0.1");
        using var first = await RawFtpConnection.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        using var sameAddress = await RawFtpConnection.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        using var otherAddress = await RawFtpConnection.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), IPAddress.Parse("127.0.0.2"));
        cli.Signal(CliProcess.SigTerm);
        await cli.WaitForExitAsync(StopTimeout);

        Assert.Equal(220, first.Greeting.Code);
        Assert.Equal(421, sameAddress.Greeting.Code);
        Assert.Equal(220, otherAddress.Greeting.Code);
    }

    [Fact]
    public async Task Serve_IdleTimeout_ClosesAQuietSession()
    {
        SkipOnWindows();
        using var root = new TempFolder();

        using var cli = CliProcess.Start(new[] { "serve", "--port", "0", "--root", root.Path, "--idle-timeout", "1" });
        var port = await WaitForServingAsync(cli, root.Path, "127.0.0.1");
        using var quiet = await RawFtpConnection.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        var reply = await quiet.ReadReplyAsync(); // the server speaks first when the session has idled out
        cli.Signal(CliProcess.SigTerm);
        await cli.WaitForExitAsync(StopTimeout);

        Assert.Equal(421, reply.Code);
    }

    [Fact]
    public async Task Serve_OnIPv6Loopback_PrintsABracketedUrl_AndServes()
    {
        SkipOnWindows();
        if (!Socket.OSSupportsIPv6) Assert.Skip("this machine has no IPv6");
        using var root = new TempFolder();
        File.WriteAllText(root.Combine("six.txt"), "over IPv6");

        using var cli = CliProcess.Start(new[] { "serve", "--port", "0", "--root", root.Path, "--address", "::1" });
        var port = await WaitForServingAsync(cli, root.Path, "[::1]");
        var result = await Curl.RunAsync("-g", $"ftp://[::1]:{port}/six.txt");
        cli.Signal(CliProcess.SigTerm);

        Assert.Equal(0, await cli.WaitForExitAsync(StopTimeout));
        Assert.Equal("over IPv6", result.AssertSucceeded().StandardOutput);
    }

    /// <summary>Waits for "FtpLite serving ROOT on ftp://HOST:PORT/" and returns the port.</summary>
    private static async Task<int> WaitForServingAsync(CliProcess cli, string root, string host)
    {
        var line = await cli.WaitForLineAsync(l => l.StartsWith("FtpLite serving "), StartTimeout);
        var match = Regex.Match(line, @"^FtpLite serving (.+) on ftp://(.+):(\d+)/$");
        Assert.True(match.Success, $"unexpected first line: {line}");
        Assert.Equal(Path.GetFullPath(root), match.Groups[1].Value);
        Assert.Equal(host, match.Groups[2].Value);
        var port = int.Parse(match.Groups[3].Value);
        Assert.InRange(port, 1, 65535);
        return port;
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private static void AssertPortIsFree(IPAddress address, int port)
    {
        var listener = new TcpListener(address, port);
        listener.Start(); // throws if the stopped server still held the port
        listener.Stop();
    }

    private static void SkipOnWindows()
    {
        // These tests send POSIX signals; Windows has no kill(2).
        if (OperatingSystem.IsWindows()) Assert.Skip("POSIX signals are not available on Windows");
    }
}
