using FtpLite.Client;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Client.Peers;

/// <summary>Our own server, in process: anonymous read-write on loopback, as its quick-start defaults give.</summary>
public sealed class FtpLiteServerPeer : IFtpPeer
{
    private readonly TestServer _server;

    private FtpLiteServerPeer(TestServer server) => _server = server;

    public string Name => "FtpLite";
    public string Root => _server.Root;
    public TestServer Server => _server;

    public FtpClientOptions ClientOptions() => new("127.0.0.1", _server.Port);

    public static FtpLiteServerPeer Start() => new(TestServer.Start());

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
