namespace FtpLite.Tests.Client.Peers;

/// <summary>Resuming against vsftpd, which keeps an interrupted STOR's bytes under the target's name.</summary>
public sealed class VsftpdResumeTests : ResumeAgainstPeerTests
{
    protected override async Task<IFtpPeer> StartPeerAsync() => await VsftpdServer.StartAsync(Token);

    protected override bool KeepsInterruptedUploads => true;
}
