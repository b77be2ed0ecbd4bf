using FtpLite.Tests.Support;

namespace FtpLite.Tests.Interop;

/// <summary>tnftp fed a script on stdin drives our server: put/get, ls/nlist, folders and renames, reget.</summary>
public class TnftpTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(10 * 1024 * 1024)]
    public async Task PutThenGet_ByteExact(int length)
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        var content = local.WriteRandomFile("in.bin", length, seed: length + 3);

        var result = await Tnftp.RunAsync(server, $"put {local.Combine("in.bin")} file.bin", $"get file.bin {local.Combine("out.bin")}");

        Assert.Equal(2, CountReplies(result, "226"));
        Assert.Equal(content, File.ReadAllBytes(server.PathOf("file.bin")));
        Assert.Equal(content, File.ReadAllBytes(local.Combine("out.bin")));
    }

    [Theory]
    [InlineData("---> EPSV")]
    [InlineData("---> PASV", "epsv4 off")]
    [InlineData("---> EPRT", "passive off")]
    [InlineData("---> PORT", "passive off", "epsv4 off")]
    public async Task DataChannelModes_TransferByteExact(string expectedCommand, params string[] mode)
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        var content = local.WriteRandomFile("in.bin", 100_000);

        // "debug" makes tnftp print each command it sends as "---> VERB ...".
        var commands = mode.Prepend("debug").Append($"put {local.Combine("in.bin")} m.bin").Append($"get m.bin {local.Combine("out.bin")}");
        var result = await Tnftp.RunAsync(server, commands.ToArray());

        Assert.Contains(result.StandardOutput.Lines(), l => l == expectedCommand || l.StartsWith(expectedCommand + " "));
        Assert.Equal(content, File.ReadAllBytes(server.PathOf("m.bin")));
        Assert.Equal(content, File.ReadAllBytes(local.Combine("out.bin")));
    }

    [Fact]
    public async Task LsAndNlist_ShowFilesAndFolders()
    {
        await using var server = TestServer.Start();
        server.RootFolder.WriteRandomFile("listed.bin", 999);
        Directory.CreateDirectory(server.PathOf("folder"));

        var lines = (await Tnftp.RunAsync(server, "ls", "nlist")).StandardOutput.Lines();

        Assert.Contains(lines, l => l.StartsWith('-') && l.Contains(" 999 ") && l.EndsWith(" listed.bin"));
        Assert.Contains(lines, l => l.StartsWith('d') && l.EndsWith(" folder"));
        Assert.Contains("listed.bin", lines);
        Assert.Contains("folder", lines);
    }

    [Fact]
    public async Task MkdirRenameDeleteRmdir_ChangeTheDisk()
    {
        await using var server = TestServer.Start();
        File.WriteAllText(server.PathOf("t.txt"), "tee");

        var first = await Tnftp.RunAsync(server, "mkdir d", "rename t.txt d/t2.txt");
        Assert.Equal("tee", File.ReadAllText(server.PathOf("d/t2.txt")));
        Assert.False(File.Exists(server.PathOf("t.txt")));

        var second = await Tnftp.RunAsync(server, "delete d/t2.txt", "rmdir d", "delete not-there.txt");
        Assert.False(Directory.Exists(server.PathOf("d")));
        Assert.Contains(second.StandardOutput.Lines(), l => l.StartsWith("550 "));
        Assert.DoesNotContain(first.StandardOutput.Lines(), l => l.StartsWith("5"));
    }

    [Fact]
    public async Task Reget_ResumesDownload_ByteExact()
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        var remote = server.RootFolder.WriteRandomFile("big.bin", 600_000, seed: 21);
        File.WriteAllBytes(local.Combine("big.bin"), remote.AsSpan(0, 250_000).ToArray());

        var result = await Tnftp.RunAsync(server, $"reget big.bin {local.Combine("big.bin")}");

        Assert.Contains(result.StandardOutput.Lines(), l => l.StartsWith("350 "));
        Assert.Equal(remote, File.ReadAllBytes(local.Combine("big.bin")));
    }

    private static int CountReplies(PeerResult result, string code) => result.StandardOutput.Lines().Count(l => l.StartsWith(code + " "));
}
