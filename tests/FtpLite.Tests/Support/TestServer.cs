using System.Net;
using FtpLite.Server;

namespace FtpLite.Tests.Support;

/// <summary>A throw-away server on 127.0.0.1 and a port the system picks, serving a fresh temporary folder.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private TestServer(FtpServer server, TempFolder root)
    {
        Server = server;
        RootFolder = root;
    }

    public FtpServer Server { get; }
    public TempFolder RootFolder { get; }
    /// <summary>The folder served: the fresh temporary one, unless the test chose another.</summary>
    public string Root => Server.RootPath;
    public int Port => Server.EndPoint.Port;
    public IPAddress Address => Server.EndPoint.Address;

    /// <summary>Starts a server; <paramref name="configure"/> may change any option but the root and the address.</summary>
    public static TestServer Start(Action<FtpServerOptions>? configure = null)
    {
        var root = new TempFolder();
        var options = new FtpServerOptions
        {
            Root = root.Path,
            ListenAddress = IPAddress.Loopback,
            Port = 0,
            FailedLoginDelay = TimeSpan.Zero,
        };
        configure?.Invoke(options);
        var server = new FtpServer(options);
        server.Start();
        return new TestServer(server, root);
    }

    public string PathOf(string relative) => System.IO.Path.Combine(Root, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    public async ValueTask DisposeAsync()
    {
        await Server.StopAsync(TimeSpan.FromSeconds(2));
        RootFolder.Dispose();
    }
}
