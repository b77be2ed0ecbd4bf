namespace FtpLite.Tests.Client.Peers;

public sealed class PyFtpdLibClientTests : ClientAgainstPeerTests
{
    protected override async Task<IFtpPeer> StartPeerAsync() => await PyFtpdLibServer.StartAsync(Token);
}
