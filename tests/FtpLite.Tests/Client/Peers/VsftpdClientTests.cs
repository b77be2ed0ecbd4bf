namespace FtpLite.Tests.Client.Peers;

public sealed class VsftpdClientTests : ClientAgainstPeerTests
{
    protected override async Task<IFtpPeer> StartPeerAsync() => await VsftpdServer.StartAsync(Token);
}
