namespace FtpLite.Tests.Client.Peers;

/// <summary>Resuming against our own server, which keeps nothing of an interrupted STOR (it replaces files atomically).</summary>
public sealed class FtpLiteServerResumeTests : ResumeAgainstPeerTests
{
    protected override Task<IFtpPeer> StartPeerAsync() => Task.FromResult<IFtpPeer>(FtpLiteServerPeer.Start());

    protected override bool KeepsInterruptedUploads => false;
}
