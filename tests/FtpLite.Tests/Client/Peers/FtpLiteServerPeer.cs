using FtpLite.Client;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Client.Peers;

/// <summary>
/// Our own server, in process: anonymous read-write on loopback, as its quick-start defaults give; or, with TLS,
/// an FTPS server that requires TLS (explicit or implicit), reached with the test certificate's thumbprint pinned.
/// </summary>
public sealed class FtpLiteServerPeer : IFtpPeer
{
    private readonly TestServer _server;
    private readonly FtpEncryption _encryption;

    private FtpLiteServerPeer(TestServer server, FtpEncryption encryption)
    {
        _server = server;
        _encryption = encryption;
    }

    public string Name => _encryption == FtpEncryption.None ? "FtpLite" : "FtpLite " + _encryption + " TLS";
    public string Root => _server.Root;
    public TestServer Server => _server;

    public FtpClientOptions ClientOptions()
    {
        if (_encryption == FtpEncryption.None) return new("127.0.0.1", _server.Port);
        var port = _encryption == FtpEncryption.Implicit ? _server.Server.ImplicitTlsEndPoint!.Port : _server.Port;
        return new("127.0.0.1", port)
        {
            Encryption = _encryption,
            CertificateThumbprint = FtpLite.Tls.CertificateFiles.Sha256Thumbprint(TestCertificate.Value),
        };
    }

    public static FtpLiteServerPeer Start() => new(TestServer.Start(), FtpEncryption.None);

    /// <summary>A server that requires TLS; <paramref name="encryption"/> says how the client will speak it.</summary>
    public static FtpLiteServerPeer StartTls(FtpEncryption encryption) =>
        new(TestServer.Start(o =>
        {
            o.Certificate = TestCertificate.Value;
            o.RequireTls = true;
            if (encryption == FtpEncryption.Implicit) o.ImplicitTlsPort = 0;
        }), encryption);

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
