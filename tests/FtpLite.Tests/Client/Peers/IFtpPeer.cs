using FtpLite.Client;

namespace FtpLite.Tests.Client.Peers;

/// <summary>A running FTP server the client is tested against, serving a local folder the test can look into.</summary>
public interface IFtpPeer : IAsyncDisposable
{
    string Name { get; }

    /// <summary>The local folder the server serves as the login directory.</summary>
    string Root { get; }

    /// <summary>Options that log in to it (anonymously, with write access).</summary>
    FtpClientOptions ClientOptions();
}
