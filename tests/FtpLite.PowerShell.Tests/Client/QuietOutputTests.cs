using FtpLite.PowerShell.Tests.Support;

namespace FtpLite.PowerShell.Tests.Client;

/// <summary>Transfers are silent unless -PassThru, as Copy-Item and Invoke-WebRequest -OutFile are.</summary>
public class QuietOutputTests
{
    [Fact]
    public void SendAndReceive_WithoutPassThru_WriteNothing()
    {
        using var bed = new ClientBed();
        bed.LocalFile("a.txt", "a");
        bed.RemoteFile("b.txt", "b");

        var sent = bed.Run("Send-FtpLiteFile a.txt");
        var received = bed.Run("Receive-FtpLiteFile b.txt -Destination ./got");

        Assert.Empty(sent.Output);
        Assert.Empty(received.Output);
        Assert.True(File.Exists(bed.RemotePath("a.txt")));
        Assert.True(File.Exists(bed.LocalPath("got/b.txt")));
    }

    [Fact]
    public void SendAndReceive_WithPassThru_WriteATransferResultEach()
    {
        using var bed = new ClientBed();
        bed.LocalFile("a.txt", "a");
        bed.RemoteFile("b.txt", "b");

        var sent = bed.Run("Send-FtpLiteFile a.txt -PassThru").Single();
        var received = bed.Run("Receive-FtpLiteFile b.txt -Destination ./got -PassThru").Single();

        Assert.Equal("/a.txt", sent.Get<string>("RemotePath"));
        Assert.Equal("/b.txt", received.Get<string>("RemotePath"));
    }

    [Fact]
    public void Parallel_WithoutPassThru_WritesNothing()
    {
        using var bed = new ClientBed();
        bed.LocalFile("a.txt", "a");
        bed.LocalFile("b.txt", "b");

        var sent = bed.Run("Send-FtpLiteFile a.txt, b.txt -ThrottleLimit 2");

        Assert.Empty(sent.Output);
        Assert.True(File.Exists(bed.RemotePath("b.txt")));
    }
}
