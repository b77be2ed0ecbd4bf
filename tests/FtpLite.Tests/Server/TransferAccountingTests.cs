using System.Collections.Concurrent;
using FtpLite.Server;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Server;

/// <summary>What the server counts and logs about transfers that did not complete: the bytes still moved, and a refused RETR.</summary>
public class TransferAccountingTests
{
    [Fact]
    public async Task AbortedUpload_BytesThatArrived_CountInBytesReceived()
    {
        await using var server = TestServer.Start();
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        await ftp.CommandAsync("TYPE I");
        using var data = await ftp.OpenPassiveAsync();
        Assert.Equal(150, (await ftp.CommandAsync("STOR cut.bin")).Code);
        await data.GetStream().WriteAsync(new byte[10_000]);
        // STAT tells how much the server has taken in; wait (bounded) until it has all of it, then abort.
        await WaitForStatAsync(ftp, "10000 bytes");

        await ftp.SendAsync("ABOR");
        Assert.Equal(426, (await ftp.ReadReplyAsync()).Code);
        Assert.Equal(226, (await ftp.ReadReplyAsync()).Code);

        Assert.Equal(10_000, server.Server.Statistics.BytesReceived);
        Assert.Equal(0, server.Server.Statistics.FilesReceived);
        Assert.Equal(1, server.Server.Statistics.FailedTransfers);
    }

    [Fact]
    public async Task AbortedDownload_BytesSentSoFar_CountInBytesSent()
    {
        await using var server = TestServer.Start();
        server.RootFolder.WriteRandomFile("big.bin", 64 * 1024 * 1024, seed: 1);
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        await ftp.CommandAsync("TYPE I");
        using var data = await ftp.OpenPassiveAsync();
        Assert.Equal(150, (await ftp.CommandAsync("RETR big.bin")).Code);
        var buffer = new byte[64 * 1024];
        var received = 0;
        while (received < 100_000) received += await data.GetStream().ReadAsync(buffer);

        await ftp.SendAsync("ABOR");
        var replies = new[] { (await ftp.ReadReplyAsync()).Code, (await ftp.ReadReplyAsync()).Code };

        Assert.Contains(226, replies);
        Assert.InRange(server.Server.Statistics.BytesSent, received, 64L * 1024 * 1024 - 1);
        Assert.Equal(0, server.Server.Statistics.FilesSent);
    }

    [Fact]
    public async Task RetrOfAMissingFile_550_AndATransferFailedEvent()
    {
        await using var server = TestServer.Start();
        var events = new ConcurrentQueue<FtpServerEventArgs>();
        server.Server.Activity += (_, e) => events.Enqueue(e);
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        using var data = await ftp.OpenPassiveAsync();

        Assert.Equal(550, (await ftp.CommandAsync("RETR missing.txt")).Code);

        var failed = Assert.Single(events, e => e.Kind == FtpServerEventKind.TransferFailed);
        Assert.Equal("/missing.txt", failed.Path);
        Assert.Contains("RETR", failed.Message);
        Assert.Contains("550", failed.Message);
        Assert.Equal(1, server.Server.Statistics.FailedTransfers);
    }

    private static async Task WaitForStatAsync(RawFtpConnection ftp, string expected)
    {
        for (var i = 0; i < 200; i++)
        {
            if ((await ftp.CommandAsync("STAT")).Message.Contains(expected)) return;
            await Task.Delay(25);
        }
        Assert.Fail("STAT never said " + expected);
    }
}
