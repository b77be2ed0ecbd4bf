using FtpLite.Client;

namespace FtpLite.Tests.Client.Peers;

public sealed class VsftpdClientTests : ClientAgainstPeerTests
{
    protected override async Task<IFtpPeer> StartPeerAsync() => await VsftpdServer.StartAsync(Token);

    [Fact]
    public async Task DeleteTree_ThreeLevels_WithALinkToAFolderOutside_AllGone_TheLinkDeletedNotFollowed()
    {
        // vsftpd lists a symbolic link as one ("l", "name -> target"), so the delete removes the link itself.
        await using var peer = await VsftpdServer.StartAsync(Token);
        string Local(string relative) => Path.Combine(peer.Root, relative);
        Directory.CreateDirectory(Local("tree/a/b/c"));
        File.WriteAllText(Local("tree/top.txt"), "t");
        File.WriteAllText(Local("tree/a/b/c/deep.txt"), "d");
        Directory.CreateDirectory(Local("keep"));
        File.WriteAllText(Local("keep/k.txt"), "k");
        Directory.CreateSymbolicLink(Local("tree/a/to-keep"), Local("keep"));
        using var client = await FtpClient.ConnectAsync(peer.ClientOptions(), Token);

        var link = Assert.Single(await client.ListAsync("tree/a", Token), i => i.Name == "to-keep");
        await client.DeleteTreeAsync("tree", cancellationToken: Token);

        Assert.Equal(FtpItemType.Link, link.Type);
        Assert.False(Directory.Exists(Local("tree")));
        Assert.True(File.Exists(Local("keep/k.txt")));
        Assert.True(client.IsConnected);
    }
}
