using FtpLite.Client;
using FtpLite.Tests.Client.Peers;

namespace FtpLite.Tests.Client.Tls;

// Every shared client story, over FTPS: control and data connections in TLS, against our server and the stock servers.

public sealed class FtpLiteExplicitTlsClientTests : ClientAgainstPeerTests
{
    protected override Task<IFtpPeer> StartPeerAsync() => Task.FromResult<IFtpPeer>(FtpLiteServerPeer.StartTls(FtpEncryption.Explicit));
}

public sealed class FtpLiteImplicitTlsClientTests : ClientAgainstPeerTests
{
    protected override Task<IFtpPeer> StartPeerAsync() => Task.FromResult<IFtpPeer>(FtpLiteServerPeer.StartTls(FtpEncryption.Implicit));
}

/// <summary>vsftpd with require_ssl_reuse=YES: every transfer below only works when the data connection resumed the session.</summary>
[Collection(LocalhostTlsSessions.Name)]
public sealed class VsftpdExplicitTlsClientTests : ClientAgainstPeerTests
{
    protected override async Task<IFtpPeer> StartPeerAsync() => await VsftpdServer.StartAsync(Token, new VsftpdTls());
}

[Collection(LocalhostTlsSessions.Name)]
public sealed class VsftpdImplicitTlsClientTests : ClientAgainstPeerTests
{
    protected override async Task<IFtpPeer> StartPeerAsync() => await VsftpdServer.StartAsync(Token, new VsftpdTls(@implicit: true));
}

/// <summary>
/// ProFTPD's mod_tls refuses data connections that do not resume the control connection's session, as vsftpd does; and
/// it ends the whole session when a TLS data connection it writes to is reset.
/// </summary>
[Collection(LocalhostTlsSessions.Name)]
public sealed class ProFtpdExplicitTlsClientTests : ClientAgainstPeerTests
{
    protected override async Task<IFtpPeer> StartPeerAsync() => await ProFtpdServer.StartAsync(Token, tls: true);
}

[Collection(LocalhostTlsSessions.Name)]
public sealed class PureFtpdExplicitTlsClientTests : ClientAgainstPeerTests
{
    protected override async Task<IFtpPeer> StartPeerAsync() => await PureFtpdServer.StartAsync(Token, tls: true);
}

[Collection(LocalhostTlsSessions.Name)]
public sealed class PyFtpdLibExplicitTlsClientTests : ClientAgainstPeerTests
{
    protected override async Task<IFtpPeer> StartPeerAsync() => await PyFtpdLibServer.StartAsync(Token, tls: true);
}
