using FtpLite.Server;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Interop;

/// <summary>
/// curl, lftp and Python's ftplib over FTPS, explicit (AUTH TLS) and implicit (TLS from the first byte), against a
/// server that requires TLS: byte-exact both ways. The certificate is self-signed, so each client is told not to verify it.
/// </summary>
public class TlsInteropTests
{
    private const string User = "tlsuser";
    private const string Password = "tls-pass";

    [Fact]
    public async Task Curl_Explicit_ByteExact()
    {
        await using var server = StartTlsServer();
        using var local = new TempFolder();
        var content = local.WriteRandomFile("in.bin", 1_500_000);
        var url = $"ftp://127.0.0.1:{server.Port}/curl-explicit.bin";
        (await Curl.RunAsync("--ssl-reqd", "-k", "-u", $"{User}:{Password}", "-T", local.Combine("in.bin"), url)).AssertSucceeded();
        (await Curl.RunAsync("--ssl-reqd", "-k", "-u", $"{User}:{Password}", "-o", local.Combine("out.bin"), url)).AssertSucceeded();
        Assert.Equal(content, File.ReadAllBytes(server.PathOf("curl-explicit.bin")));
        Assert.Equal(content, File.ReadAllBytes(local.Combine("out.bin")));
    }

    [Fact]
    public async Task Curl_Implicit_ByteExact()
    {
        await using var server = StartTlsServer();
        using var local = new TempFolder();
        var content = local.WriteRandomFile("in.bin", 1_500_000, seed: 2);
        var url = $"ftps://127.0.0.1:{server.Server.ImplicitTlsEndPoint!.Port}/curl-implicit.bin";
        (await Curl.RunAsync("-k", "-u", $"{User}:{Password}", "-T", local.Combine("in.bin"), url)).AssertSucceeded();
        (await Curl.RunAsync("-k", "-u", $"{User}:{Password}", "-o", local.Combine("out.bin"), url)).AssertSucceeded();
        Assert.Equal(content, File.ReadAllBytes(server.PathOf("curl-implicit.bin")));
        Assert.Equal(content, File.ReadAllBytes(local.Combine("out.bin")));
    }

    [Fact]
    public async Task Curl_WithoutTls_IsRefused()
    {
        await using var server = StartTlsServer();
        var result = await Curl.RunAsync("-u", $"{User}:{Password}", $"ftp://127.0.0.1:{server.Port}/");
        Assert.NotEqual(0, result.ExitCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Lftp_ByteExact(bool implicitTls)
    {
        await using var server = StartTlsServer();
        using var local = new TempFolder();
        var content = local.WriteRandomFile("in.bin", 1_500_000, seed: 3);
        var target = implicitTls
            ? $"ftps://127.0.0.1:{server.Server.ImplicitTlsEndPoint!.Port}"
            : $"-p {server.Port} 127.0.0.1";
        var script =
            "set cmd:fail-exit yes; set net:max-retries 1; set net:timeout 20; set xfer:clobber on; " +
            "set ssl:verify-certificate no; set ftp:ssl-force true; set ftp:ssl-protect-data true; set ftp:ssl-protect-list true; " +
            $"open -u {User},{Password} {target}; " +
            $"put \"{local.Combine("in.bin")}\" -o lftp.bin; get lftp.bin -o \"{local.Combine("out.bin")}\"; cls; quit";
        var result = (await PeerProgram.RunAsync(PeerProgram.Require("lftp"), new[] { "--norc", "-c", script })).AssertSucceeded();
        Assert.Contains("lftp.bin", result.StandardOutput);
        Assert.Equal(content, File.ReadAllBytes(server.PathOf("lftp.bin")));
        Assert.Equal(content, File.ReadAllBytes(local.Combine("out.bin")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PythonFtpTls_ByteExact(bool implicitTls)
    {
        await using var server = StartTlsServer();
        var port = implicitTls ? server.Server.ImplicitTlsEndPoint!.Port : server.Port;
        var result = await PythonScript.RunJsonAsync(FtpTlsScript, port.ToString(), implicitTls ? "implicit" : "explicit", User, Password);
        Assert.True(result.GetProperty("same").GetBoolean(), "The downloaded bytes differ from the uploaded ones.");
        Assert.True(result.GetProperty("encrypted").GetBoolean(), "The control connection was not TLS.");
        Assert.Contains("py.bin", result.GetProperty("names").EnumerateArray().Select(n => n.GetString()));
        Assert.True(File.Exists(server.PathOf("py.bin")));
    }

    private static TestServer StartTlsServer() => TestServer.Start(o =>
    {
        o.Certificate = TestCertificate.Value;
        o.RequireTls = true;
        o.ImplicitTlsPort = 0;
        o.Users.Add(FtpUser.Create(User, Password));
    });

    // ftplib has no implicit FTPS; the subclass wraps the control socket before the greeting is read.
    private const string FtpTlsScript = """
        import ftplib, io, json, os, ssl, sys
        port, mode, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE

        class ImplicitFTP_TLS(ftplib.FTP_TLS):
            def connect(self, host, port, timeout=30):
                self.host, self.port, self.timeout = host, port, timeout
                import socket
                raw = socket.create_connection((host, port), timeout)
                self.af = raw.family
                self.sock = self.context.wrap_socket(raw, server_hostname=host)
                self.file = self.sock.makefile('r', encoding=self.encoding)
                self.welcome = self.getresp()
                return self.welcome

        ftp = (ImplicitFTP_TLS if mode == 'implicit' else ftplib.FTP_TLS)(context=context, timeout=30)
        ftp.connect('127.0.0.1', port)
        ftp.login(user, password)  # explicit: FTP_TLS sends AUTH TLS first
        ftp.prot_p()
        data = os.urandom(1_200_000)
        ftp.storbinary('STOR py.bin', io.BytesIO(data))
        out = io.BytesIO()
        ftp.retrbinary('RETR py.bin', out.write)
        names = ftp.nlst()
        encrypted = isinstance(ftp.sock, ssl.SSLSocket)
        ftp.quit()
        print(json.dumps({"same": out.getvalue() == data, "encrypted": encrypted, "names": names}))
        """;
}
