using FtpLite.Client;
using FtpLite.Tests.Client.Peers;

namespace FtpLite.Tests.Client.Tls;

// Every shared client story, over FTPS: control and data connections in TLS, against our server, vsftpd, pure-ftpd
// and pyftpdlib.

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

// ProFTPD over FTPS runs the story theory (StockPeerStoryTests) but not these: cancelling a download resets its TLS data
// connection, and ProFTPD's mod_tls then ends the whole session ("panic: SSL_ERROR_SYSCALL … Broken pipe, disconnecting"),
// so DownloadFile_CancelledMidTransfer_NoFileLeftAndConnectionUsable fails against it. Not fixed yet.

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
