using FtpLite.Client;

namespace FtpLite.Tests.Client.Peers;

/// <summary>
/// SetModifiedTimeAsync against each server: where FEAT offers MFMT the file on the server's disk takes the time (in
/// whole seconds); vsftpd offers none, and the client says so without sending anything.
/// </summary>
public sealed class MfmtAgainstPeerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly DateTime Time = new(2019, 7, 14, 8, 9, 10, 600, DateTimeKind.Utc);

    public static TheoryData<string, bool> Peers => new()
    {
        { "FtpLite", true },
        { StockPeers.PureFtpd, true },
        { StockPeers.ProFtpd, true },
        { StockPeers.PyFtpdLib, true },
        { StockPeers.Vsftpd, false },
    };

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task SetModifiedTime_WhereOffered_TheFileTakesTheTime_ElseNotSupported(string name, bool offersMfmt)
    {
        await using var peer = name == "FtpLite" ? FtpLiteServerPeer.Start() : await StockPeers.StartAsync(name, Token);
        using var client = await FtpClient.ConnectAsync(peer.ClientOptions(), Token);
        using (var content = new MemoryStream(new byte[] { 1, 2, 3 }))
            await client.UploadAsync(content, "stamped.bin", cancellationToken: Token);
        var before = File.GetLastWriteTimeUtc(Path.Combine(peer.Root, "stamped.bin"));

        Assert.Equal(offersMfmt, client.Features.Mfmt);
        if (offersMfmt)
        {
            await client.SetModifiedTimeAsync("stamped.bin", Time, Token);
            Assert.Equal(Time.AddMilliseconds(-600), File.GetLastWriteTimeUtc(Path.Combine(peer.Root, "stamped.bin")));
            Assert.Equal(Time.AddMilliseconds(-600), await client.GetModifiedTimeAsync("stamped.bin", Token));
        }
        else
        {
            var error = await Assert.ThrowsAsync<FtpException>(() => client.SetModifiedTimeAsync("stamped.bin", Time, Token));
            Assert.Equal(FtpErrorKind.NotSupported, error.Kind);
            Assert.Equal(before, File.GetLastWriteTimeUtc(Path.Combine(peer.Root, "stamped.bin")));
            Assert.True(client.IsConnected);
        }
    }
}
