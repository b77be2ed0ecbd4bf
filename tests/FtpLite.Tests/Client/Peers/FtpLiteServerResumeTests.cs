namespace FtpLite.Tests.Client.Peers;

/// <summary>
/// Resuming against our own server, which keeps an interrupted STOR hidden, as its user's pending upload (the old file
/// stays whole), and keeps nothing when no byte had arrived before the interruption.
/// </summary>
public sealed class FtpLiteServerResumeTests : ResumeAgainstPeerTests
{
    protected override Task<IFtpPeer> StartPeerAsync() => Task.FromResult<IFtpPeer>(FtpLiteServerPeer.Start());

    protected override bool KeepsInterruptedUploads => false;
}
