using System.Security.Authentication;
using FtpLite.Client;

namespace FtpLite.Tests.Client;

public class FtpClientOptionsTests
{
    [Fact]
    public void TlsProtocols_DefaultIsTls12_WhoseSessionsResumeAnyNumberOfTimes()
    {
        Assert.Equal(SslProtocols.Tls12, new FtpClientOptions("127.0.0.1").TlsProtocols);
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData((SslProtocols)12288)]
    [InlineData(SslProtocols.Tls12 | (SslProtocols)12288)]
    public void TlsProtocols_Tls12Or13_Valid(SslProtocols protocols)
    {
        new FtpClientOptions("127.0.0.1") { Encryption = FtpEncryption.Explicit, TlsProtocols = protocols }.Validate();
    }

    [Theory]
    [InlineData(SslProtocols.None)]
#pragma warning disable SYSLIB0039 // the point: an old protocol is refused
    [InlineData(SslProtocols.Tls11 | SslProtocols.Tls12)]
#pragma warning restore SYSLIB0039
    public void TlsProtocols_NoneOrOlderThan12_Refused(SslProtocols protocols)
    {
        var e = Assert.Throws<ArgumentException>(() => new FtpClientOptions("127.0.0.1") { TlsProtocols = protocols }.Validate());

        Assert.Equal("TlsProtocols", e.ParamName);
    }
}
