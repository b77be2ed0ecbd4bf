using FtpLite.Client;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Client.Mirror;

/// <summary>Mirrors and symbolic links on our own server, which lists a link to a folder as a link.</summary>
public sealed class MirrorLinkTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upload_TheTargetHasALinkWhereTheSourceHasAFolder_CopiedThroughIt_NoError_TheLinkStays()
    {
        await using var server = TestServer.Start();
        Directory.CreateDirectory(server.PathOf("shared"));
        Directory.CreateDirectory(server.PathOf("site"));
        Directory.CreateSymbolicLink(server.PathOf("site/img"), server.PathOf("shared"));
        using var local = new TempFolder();
        local.WriteRandomFile("img/a.bin", 10);
        local.WriteRandomFile("index.html", 5);
        using var client = await FtpClient.ConnectAsync(new FtpClientOptions("127.0.0.1", server.Port), Token);
        using var mirror = new FtpMirror(client, FtpTransferDirection.Upload, local.Path, "/site");

        var results = await mirror.RunAsync(await mirror.PlanAsync(Token), cancellationToken: Token);

        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.Equal(File.ReadAllBytes(local.Combine("img/a.bin")), File.ReadAllBytes(server.PathOf("shared/a.bin")));
        Assert.NotNull(new DirectoryInfo(server.PathOf("site/img")).LinkTarget);
    }
}
