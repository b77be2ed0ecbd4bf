using System.Management.Automation;
using FtpLite.PowerShell.Tests.Support;

namespace FtpLite.PowerShell.Tests.Client;

/// <summary>
/// The client cmdlets over FTPS, against our own server with a fresh self-signed certificate that demands TLS
/// (-RequireTls) and listens for implicit FTPS too.
/// </summary>
public class FtpsTests
{
    private const string TlsServer = "-Certificate (New-FtpLiteCertificate -HostName localhost) -RequireTls -ImplicitTlsPort 0";

    [Fact]
    public void Explicit_WithThePinnedThumbprint_RoundTripsByteExact()
    {
        using var bed = new ClientBed(connect: false, serverArguments: TlsServer);
        var content = RandomBytes(300_000, seed: 1);
        File.WriteAllBytes(bed.LocalPath("up.bin"), content);

        var session = bed.Run("Connect-FtpLite $server -Encryption Explicit -CertificateThumbprint $server.CertificateThumbprintSha256").Single();
        var sent = bed.Run("Send-FtpLiteFile -PassThru up.bin -Destination /in").Single();
        var received = bed.Run("Receive-FtpLiteFile -PassThru /in/up.bin -Destination ./back").Single();

        Assert.True(session.Get<bool>("IsEncrypted"));
        Assert.True(session.Get<bool>("IsDataProtected"));
        Assert.Equal("Explicit", session.Get<string>("Encryption"));
        Assert.StartsWith("ftpes://127.0.0.1:", session.Get<string>("Url"), StringComparison.Ordinal);
        Assert.Equal(content.LongLength, sent.Get<long>("Bytes"));
        Assert.Equal(content.LongLength, received.Get<long>("Bytes"));
        Assert.Equal(content, File.ReadAllBytes(bed.RemotePath("in/up.bin")));
        Assert.Equal(content, File.ReadAllBytes(bed.LocalPath("back/up.bin")));
    }

    [Fact]
    public void Implicit_OneShot_WithSkipCertificateCheck_RoundTripsByteExact_AndWarns()
    {
        using var bed = new ClientBed(connect: false, serverArguments: TlsServer);
        var content = RandomBytes(200_000, seed: 2);
        File.WriteAllBytes(bed.LocalPath("up.bin"), content);
        const string oneShot = "-Server 127.0.0.1 -Port $server.ImplicitTlsPort -Encryption Implicit -SkipCertificateCheck";

        var sent = bed.Run($"Send-FtpLiteFile -PassThru up.bin {oneShot}");
        var received = bed.Run($"Receive-FtpLiteFile -PassThru /up.bin -Destination ./back {oneShot}");

        Assert.False(sent.HadErrors);
        Assert.False(received.HadErrors);
        Assert.Contains(sent.Warning, w => w.Contains("-SkipCertificateCheck", StringComparison.Ordinal));
        Assert.Contains(received.Warning, w => w.Contains("not checked", StringComparison.Ordinal));
        Assert.Equal(content, File.ReadAllBytes(bed.RemotePath("up.bin")));
        Assert.Equal(content, File.ReadAllBytes(bed.LocalPath("back/up.bin")));
    }

    [Fact]
    public void FtpsUrl_MeansImplicit_AndTheSessionShowsIt()
    {
        using var bed = new ClientBed(connect: false, serverArguments: TlsServer);
        bed.RemoteFile("a.txt", "over tls");

        var session = bed.Run("Connect-FtpLite \"ftps://127.0.0.1:$($server.ImplicitTlsPort)\" -CertificateThumbprint $server.CertificateThumbprintSha256").Single();
        var names = bed.Run("Get-FtpLiteListing").Output.Select(i => i.Get<string>("Name"));
        // The session's Url names the scheme, so it connects the same way again.
        var again = bed.Run("Connect-FtpLite $args[0] -CertificateThumbprint $server.CertificateThumbprintSha256", session.Get<string>("Url")).Single();

        Assert.Equal("Implicit", session.Get<string>("Encryption"));
        Assert.True(session.Get<bool>("IsEncrypted"));
        Assert.Equal(["a.txt"], names);
        Assert.Equal("Implicit", again.Get<string>("Encryption"));
        Assert.True(again.Get<bool>("IsEncrypted"));
    }

    [Fact]
    public void SelfSigned_WithoutAPin_IsCertificateRejected_NamingTheThumbprint()
    {
        using var bed = new ClientBed(connect: false, serverArguments: TlsServer);
        var thumbprint = bed.Server.Get<string>("CertificateThumbprintSha256");

        var error = bed.Session.RunExpectingTerminatingError("Connect-FtpLite $server -Encryption Explicit");
        var oneShot = bed.Session.RunExpectingTerminatingError("Get-FtpLiteListing -Server 127.0.0.1 -Port $server.ImplicitTlsPort -Encryption Implicit");

        Assert.Equal("FtpLite.CertificateRejected", ScriptResult.ErrorIdOf(error));
        Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
        Assert.Contains(thumbprint, error.ErrorDetails.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("-CertificateThumbprint", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.Equal("FtpLite.CertificateRejected", ScriptResult.ErrorIdOf(oneShot));
        Assert.Contains(thumbprint, oneShot.ErrorDetails.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void WrongPin_IsCertificateRejected()
    {
        using var bed = new ClientBed(connect: false, serverArguments: TlsServer);

        var error = bed.Session.RunExpectingTerminatingError("Connect-FtpLite $server -Encryption Explicit -CertificateThumbprint ('AB' * 32)");

        Assert.Equal("FtpLite.CertificateRejected", ScriptResult.ErrorIdOf(error));
        Assert.Contains("pinned", error.ErrorDetails.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PlainConnect_ToARequireTlsServer_IsALoginFailure_ThatSaysTlsIsRequired()
    {
        using var bed = new ClientBed(connect: false, serverArguments: TlsServer);

        var error = bed.Session.RunExpectingTerminatingError("Connect-FtpLite $server");

        Assert.Equal("FtpLite.LoginFailed", ScriptResult.ErrorIdOf(error));
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("530", error.ErrorDetails.Message, StringComparison.Ordinal);
        Assert.Contains("TLS is required", error.ErrorDetails.Message, StringComparison.Ordinal);
        Assert.Contains("-Encryption Explicit", error.ErrorDetails.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Connect-FtpLite $server -SkipCertificateCheck")]
    [InlineData("Connect-FtpLite $server -TlsServerName localhost")]
    [InlineData("Connect-FtpLite $server -Encryption Explicit -SkipCertificateCheck -CertificateThumbprint ('AB' * 32)")]
    [InlineData("Connect-FtpLite $server -Encryption Explicit -CertificateThumbprint 1234")]
    [InlineData("Connect-FtpLite \"ftps://127.0.0.1:$($server.ImplicitTlsPort)\" -Encryption Explicit")]
    [InlineData("Connect-FtpLite \"ftpes://127.0.0.1:$($server.Port)\" -Encryption None")]
    [InlineData("Get-FtpLiteListing -SkipCertificateCheck")]
    [InlineData("Get-FtpLiteListing -Encryption Explicit")]
    public void ContradictoryOrIncompleteTlsOptions_AreInvalidConnectionOptions(string script)
    {
        using var bed = new ClientBed(connect: false, serverArguments: TlsServer);

        var error = bed.Session.RunExpectingTerminatingError(script);

        Assert.Equal("FtpLite.InvalidConnectionOption", ScriptResult.ErrorIdOf(error));
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    [Fact]
    public void FtpesUrl_MeansExplicit()
    {
        using var bed = new ClientBed(connect: false, serverArguments: TlsServer);

        var session = bed.Run("Connect-FtpLite \"ftpes://127.0.0.1:$($server.Port)\" -SkipCertificateCheck -TlsServerName localhost").Single();

        Assert.Equal("Explicit", session.Get<string>("Encryption"));
        Assert.True(session.Get<bool>("IsDataProtected"));
    }

    internal static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
