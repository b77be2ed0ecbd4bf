using System.Text.RegularExpressions;
using FtpLite.Tests.Interop;
using FtpLite.Tests.Support;
using FtpLite.Tls;

namespace FtpLite.Tests.Cli;

/// <summary>FTPS from the command line: "ftplite cert", "serve --certificate", and the client verbs' --tls, --pin and --insecure.</summary>
public class CliTlsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Cert_WritesALoadablePfxAndPemPair_PrintsOnlyTheThumbprint_AndRefusesToOverwrite()
    {
        using var folder = new TempFolder();
        var pfx = folder.Combine("site.pfx");

        var made = await CliProcess.RunAsync("cert", "--host", "ftp.example.test", "--out", pfx, "--days", "30", "--pem");
        using var fromPfx = CertificateFiles.Load(pfx);
        using var fromPem = CertificateFiles.Load(folder.Combine("site.crt"), folder.Combine("site.key"));
        var again = await CliProcess.RunAsync("cert", "--host", "ftp.example.test", "--out", pfx);
        var forced = await CliProcess.RunAsync("cert", "-H", "ftp.example.test", "--out", pfx, "--force");

        Assert.Equal(0, made.ExitCode);
        var thumbprint = Assert.Single(made.StandardOutput.Lines());
        Assert.Matches("^[0-9A-F]{64}$", thumbprint);
        Assert.Equal(thumbprint, CertificateFiles.Sha256Thumbprint(fromPfx));
        Assert.Equal(thumbprint, CertificateFiles.Sha256Thumbprint(fromPem));
        Assert.True(fromPem.HasPrivateKey);
        Assert.Equal("CN=ftp.example.test", fromPfx.Subject);
        Assert.InRange(fromPfx.NotAfter.ToUniversalTime(), DateTime.UtcNow.AddDays(29), DateTime.UtcNow.AddDays(31));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(pfx));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(folder.Combine("site.key")));
        }
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("exists; --force replaces it", Assert.Single(again.StandardError.Lines()));
        Assert.Equal(0, forced.ExitCode);
        Assert.NotEqual(thumbprint, forced.StandardOutput.Trim());
    }

    [Fact]
    public async Task Serve_CertificateAndRequireTls_CurlSslReqdWorks_PlainIsRefused_AndOurVerbsPinOrInsist()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("POSIX signals stop the server process");
        using var root = new TempFolder();
        using var folder = new TempFolder();
        File.WriteAllText(root.Combine("secret.txt"), "over TLS");
        var pfx = folder.Combine("server.pfx");
        var thumbprint = (await CliProcess.RunAsync("cert", "--host", "127.0.0.1", "--out", pfx)).AssertSucceeded().StandardOutput.Trim();

        using var serve = CliProcess.Start(["serve", "--port", "0", "--root", root.Path, "--certificate", pfx, "--require-tls"]);
        var port = await WaitForServingAsync(serve);
        var tlsLine = await serve.WaitForLineAsync(l => l.StartsWith("TLS "), Patience);
        var curlTls = await Curl.RunAsync("--ssl-reqd", "-k", $"ftp://127.0.0.1:{port}/secret.txt");
        var curlPlain = await Curl.RunAsync($"ftp://127.0.0.1:{port}/secret.txt");
        var pinned = await Client("ls", "--port", port, "--tls", "explicit", "--pin", thumbprint);
        var unpinned = await Client("ls", "--port", port, "--tls", "explicit");
        var wrongPin = await Client("ls", "--port", port, "--tls", "explicit", "--pin", new string('A', 64));
        var insecure = await Client("ls", "--port", port, "--tls", "explicit", "--insecure");
        var plain = await Client("ls", "--port", port);
        serve.Signal(CliProcess.SigTerm);
        await serve.WaitForExitAsync(Patience);

        Assert.Contains("TLS required", tlsLine);
        Assert.Contains(thumbprint, tlsLine);
        Assert.Equal("over TLS", curlTls.AssertSucceeded().StandardOutput);
        Assert.NotEqual(0, curlPlain.ExitCode);
        Assert.Equal(0, pinned.ExitCode);
        Assert.Contains("secret.txt", pinned.StandardOutput);
        Assert.Equal("", pinned.StandardError);
        Assert.Equal(3, unpinned.ExitCode);
        Assert.Contains(thumbprint, Assert.Single(unpinned.StandardError.Lines()));
        Assert.Equal(3, wrongPin.ExitCode);
        Assert.Equal(0, insecure.ExitCode);
        Assert.Contains("WARNING: --insecure", Assert.Single(insecure.StandardError.Lines()));
        Assert.Equal(4, plain.ExitCode);
        Assert.Single(plain.StandardError.Lines());
    }

    [Fact]
    public async Task Serve_PemPairWithImplicitPort_PutOverImplicitTlsWithPin()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("POSIX signals stop the server process");
        using var root = new TempFolder();
        using var folder = new TempFolder();
        var bytes = folder.WriteRandomFile("up.bin", 150_000);
        var thumbprint = (await CliProcess.RunAsync("cert", "--host", "127.0.0.1", "--out", folder.Combine("s.pfx"), "--pem")).AssertSucceeded().StandardOutput.Trim();

        using var serve = CliProcess.Start(["serve", "--port", "0", "--root", root.Path,
            "--certificate", folder.Combine("s.crt"), "--certificate-key", folder.Combine("s.key"), "--implicit-port", "0"]);
        await WaitForServingAsync(serve);
        var tlsLine = await serve.WaitForLineAsync(l => l.StartsWith("TLS "), Patience);
        var implicitPort = Regex.Match(tlsLine, @"implicit TLS on port (\d+)").Groups[1].Value;
        var put = await Client("put", folder.Combine("up.bin"), "--port", implicitPort, "--tls", "implicit", "--pin", thumbprint);
        serve.Signal(CliProcess.SigTerm);
        await serve.WaitForExitAsync(Patience);

        Assert.Contains("TLS offered", tlsLine);
        Assert.Equal(0, put.ExitCode);
        Assert.Equal(bytes, File.ReadAllBytes(root.Combine("up.bin")));
    }

    [Fact]
    public async Task Connect_ExplicitTlsInsecure_InteractiveSessionOverTls()
    {
        await using var server = TestServer.Start(o =>
        {
            o.Certificate = TestCertificate.Value;
            o.RequireTls = true;
        });
        using var local = new TempFolder();
        File.WriteAllText(local.Combine("t.txt"), "tls");
        using var cli = CliSession.Start(["connect", "127.0.0.1", "--port", server.Port.ToString(), "--tls", "explicit", "--insecure"], local.Path);

        var banner = await cli.CommandAsync("put t.txt");
        await cli.CommandAsync("ls");
        var ls = await cli.CommandAsync("quit");

        Assert.Equal(0, await cli.WaitForExitAsync());
        Assert.Contains("over TLS (data too)", banner);
        Assert.Contains("t.txt", ls);
        Assert.Contains("WARNING: --insecure", Assert.Single(cli.ErrorLines));
        Assert.Equal("tls", File.ReadAllText(server.PathOf("t.txt")));
    }

    [Theory]
    [InlineData("--require-tls needs --certificate FILE", "serve", "--require-tls")]
    [InlineData("--implicit-port needs --certificate FILE", "serve", "--implicit-port", "990")]
    [InlineData("does not exist", "serve", "--certificate", "/no/such.pfx")]
    [InlineData("say which host the certificate is for", "cert")]
    [InlineData("--days must be a whole number from 1 to 3650", "cert", "--host", "h", "--days", "0")]
    public async Task TlsUsageMistakes_Exit2_OneLine(string message, params string[] arguments)
    {
        var result = await CliProcess.RunAsync(arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, Assert.Single(result.StandardError.Lines()));
    }

    private static Task<PeerResult> Client(params string[] arguments) =>
        CliProcess.RunAsync(new Dictionary<string, string?> { ["FTPLITE_PASSWORD"] = null }, arguments.Concat(["-H", "127.0.0.1"]).ToArray());

    private static async Task<string> WaitForServingAsync(CliProcess serve)
    {
        var line = await serve.WaitForLineAsync(l => l.StartsWith("FtpLite serving "), Patience);
        return Regex.Match(line, @":(\d+)/$").Groups[1].Value;
    }
}
