using System.Management.Automation;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using FtpLite.PowerShell.Tests.Support;

namespace FtpLite.PowerShell.Tests;

/// <summary>
/// Start-FtpLiteServer's TLS parameters and New-FtpLiteCertificate, checked over raw sockets with SslStream
/// (the client cmdlets have no FTPS yet).
/// </summary>
public class TlsServerTests
{
    [Fact]
    public void Certificate_OffersAuthTls_AndTheHandshakeSucceeds()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();

        var server = session.Run("$cert = New-FtpLiteCertificate -HostName localhost; Start-FtpLiteServer -Port 0 -Root $args[0] -Certificate $cert", root.Path).Single();

        Assert.True(server.Get<bool>("TlsEnabled"));
        Assert.False(server.Get<bool>("RequireTls"));
        var port = server.Get<int>("Port");
        Assert.Contains("AUTH TLS", FeatLines(port));
        var thumbprint = Handshake(port, explicitTls: true);
        Assert.Equal(server.Get<string>("CertificateThumbprintSha256"), thumbprint);
    }

    [Fact]
    public void CertificatePath_LoadsAPfxWrittenByNewFtpLiteCertificate()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();
        var pfx = Path.Combine(root.Path, "server.pfx");
        var password = Client.SessionTests.Secure("pfx-pass");

        var written = session.Run("New-FtpLiteCertificate localhost -Path $args[0] -Password $args[1] -ValidDays 2", pfx, password).Single();
        Assert.True(File.Exists(pfx));
        Assert.Equal("CN=localhost", written.Get<string>("Subject"));

        var server = session.Run("Start-FtpLiteServer -Port 0 -Root $args[0] -CertificatePath $args[1] -CertificatePassword $args[2] -RequireTls", root.Path, pfx, password).Single();

        Assert.True(server.Get<bool>("RequireTls"));
        using var control = new FtpControl(server.Get<int>("Port"));
        Assert.StartsWith("5", control.Send("USER anonymous")); // Refused before TLS.
        Handshake(server.Get<int>("Port"), explicitTls: true);
    }

    [Fact]
    public void ImplicitTlsPort_SpeaksTlsFromTheFirstByte()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();

        var server = session.Run("Start-FtpLiteServer -Port 0 -Root $args[0] -Certificate (New-FtpLiteCertificate localhost) -ImplicitTlsPort 0 -Verbose", root.Path).Single();

        var implicitPort = server.Get<int>("ImplicitTlsPort");
        Assert.NotEqual(0, implicitPort);
        Assert.NotEqual(server.Get<int>("Port"), implicitPort);
        Handshake(implicitPort, explicitTls: false);
    }

    [Fact]
    public void RequireTls_WithoutACertificate_IsAnInvalidServerOption()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();

        var error = session.RunExpectingTerminatingError("Start-FtpLiteServer -Port 0 -Root $args[0] -RequireTls", root.Path);

        Assert.Equal("FtpLite.InvalidServerOption", ScriptResult.ErrorIdOf(error));
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    [Fact]
    public void MissingCertificateFile_IsACertificateNotLoadedError()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();

        var error = session.RunExpectingTerminatingError("Start-FtpLiteServer -Port 0 -Root $args[0] -CertificatePath $args[1]", root.Path, Path.Combine(root.Path, "none.pfx"));

        Assert.Equal("FtpLite.CertificateNotLoaded", ScriptResult.ErrorIdOf(error));
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public void NewCertificate_RefusesToOverwriteWithoutForce()
    {
        using var root = new TempFolder();
        using var session = PowerShellSession.Start();
        var pfx = Path.Combine(root.Path, "c.pfx");
        File.WriteAllText(pfx, "keep");

        var error = session.RunExpectingTerminatingError("New-FtpLiteCertificate localhost -Path $args[0]", pfx);
        Assert.Equal("FtpLite.TargetExists", ScriptResult.ErrorIdOf(error));
        Assert.Equal("keep", File.ReadAllText(pfx));

        session.Run("New-FtpLiteCertificate localhost -Path $args[0] -Force | Out-Null", pfx);
        Assert.NotEqual("keep", File.ReadAllText(pfx));
    }

    private static string[] FeatLines(int port)
    {
        using var client = Connect(port);
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.ASCII);
        reader.ReadLine(); // 220
        stream.Write(Encoding.ASCII.GetBytes("FEAT\r\n"));
        var lines = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            var line = reader.ReadLine() ?? throw new IOException("FEAT reply ended early.");
            lines.Add(line.Trim());
            if (line.StartsWith("211 ", StringComparison.Ordinal)) break;
        }
        return lines.ToArray();
    }

    /// <summary>Explicit: AUTH TLS, expect 234, then the handshake; implicit: the handshake at once. Returns the server certificate's SHA-256.</summary>
    private static string Handshake(int port, bool explicitTls)
    {
        using var client = Connect(port);
        Stream stream = client.GetStream();
        if (explicitTls)
        {
            var reader = new StreamReader(stream, Encoding.ASCII);
            Assert.StartsWith("220", reader.ReadLine());
            stream.Write(Encoding.ASCII.GetBytes("AUTH TLS\r\n"));
            Assert.StartsWith("234", reader.ReadLine());
        }
        X509Certificate? seen = null;
        using var tls = new SslStream(stream, leaveInnerStreamOpen: false, (_, certificate, _, _) =>
        {
            seen = certificate;
            return true; // Self-signed: this test checks the handshake and the thumbprint, not trust.
        });
        tls.AuthenticateAsClient("localhost");
        Assert.True(tls.IsAuthenticated);
        if (!explicitTls) Assert.StartsWith("220", new StreamReader(tls, Encoding.ASCII).ReadLine());
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(seen!.GetRawCertData()));
    }

    private static TcpClient Connect(int port)
    {
        var client = new TcpClient();
        Assert.True(client.ConnectAsync(IPAddress.Loopback, port).Wait(TimeSpan.FromSeconds(5)));
        client.ReceiveTimeout = 10_000;
        client.SendTimeout = 10_000;
        return client;
    }
}
