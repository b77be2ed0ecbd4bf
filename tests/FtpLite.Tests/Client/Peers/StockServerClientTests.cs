namespace FtpLite.Tests.Client.Peers;

// Every shared client story (ClientAgainstPeerTests) against the stock servers that log in with a password account.

public sealed class PureFtpdClientTests : ClientAgainstPeerTests
{
    protected override async Task<IFtpPeer> StartPeerAsync() => await PureFtpdServer.StartAsync(Token);
}

public sealed class ProFtpdClientTests : ClientAgainstPeerTests
{
    protected override async Task<IFtpPeer> StartPeerAsync() => await ProFtpdServer.StartAsync(Token);
}
