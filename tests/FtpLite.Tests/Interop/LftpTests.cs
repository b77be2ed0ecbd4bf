using FtpLite.Tests.Support;

namespace FtpLite.Tests.Interop;

/// <summary>lftp drives our server: transfers in both passive forms and active mode, MLSD/LIST/NLST, folders, resume, mirror.</summary>
public class LftpTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(10 * 1024 * 1024)]
    public async Task PutThenGet_ByteExact(int length)
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        var content = local.WriteRandomFile("in.bin", length, seed: length + 2);

        var (result, _) = await Lftp.RunAsync(server, $"put \"{local.Combine("in.bin")}\" -o file.bin; get file.bin -o \"{local.Combine("out.bin")}\"");

        result.AssertSucceeded();
        Assert.Equal(content, File.ReadAllBytes(server.PathOf("file.bin")));
        Assert.Equal(content, File.ReadAllBytes(local.Combine("out.bin")));
    }

    [Theory]
    [InlineData("EPSV", "set ftp:prefer-epsv yes; ")]
    [InlineData("PASV", "set ftp:prefer-epsv no; ")]
    [InlineData("PORT", "set ftp:passive-mode off; ")]
    public async Task DataChannelModes_TransferByteExact(string expectedCommand, string settings)
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        var content = local.WriteRandomFile("in.bin", 150_000);

        var (result, log) = await Lftp.RunAsync(server, $"put \"{local.Combine("in.bin")}\" -o m.bin; get m.bin -o \"{local.Combine("out.bin")}\"", settings);

        result.AssertSucceeded();
        Assert.Contains("---> " + expectedCommand, log);
        Assert.Equal(content, File.ReadAllBytes(server.PathOf("m.bin")));
        Assert.Equal(content, File.ReadAllBytes(local.Combine("out.bin")));
    }

    [Fact]
    public async Task ClsLsNlist_UseMlsdListAndNlst()
    {
        await using var server = TestServer.Start();
        server.RootFolder.WriteRandomFile("report.pdf", 2048);
        Directory.CreateDirectory(server.PathOf("photos"));

        var (result, log) = await Lftp.RunAsync(server, "cls -1; echo ===; ls; echo ===; nlist");

        result.AssertSucceeded();
        var parts = result.StandardOutput.Split("===\n");
        Assert.Equal(new[] { "photos/", "report.pdf" }, parts[0].Lines().Order());
        Assert.Contains(parts[1].Lines(), l => l.StartsWith('-') && l.Contains(" 2048 ") && l.EndsWith(" report.pdf"));
        Assert.Contains(parts[1].Lines(), l => l.StartsWith('d') && l.EndsWith(" photos"));
        Assert.Equal(new[] { "photos", "report.pdf" }, parts[2].Lines().Order());
        Assert.Contains("---> MLSD", log);
        Assert.Contains("---> LIST", log);
        Assert.Contains("---> NLST", log);
    }

    [Fact]
    public async Task MkdirMvRmRmdir_ChangeTheDisk()
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        var content = local.WriteRandomFile("in.bin", 777);

        (await Lftp.RunAsync(server, $"mkdir -p a/b; put \"{local.Combine("in.bin")}\" -o a/b/x.bin; mv a/b/x.bin a/y.bin")).Result.AssertSucceeded();
        Assert.Equal(content, File.ReadAllBytes(server.PathOf("a/y.bin")));
        Assert.False(File.Exists(server.PathOf("a/b/x.bin")));

        (await Lftp.RunAsync(server, "rm a/y.bin; rmdir a/b; rmdir a")).Result.AssertSucceeded();
        Assert.False(Directory.Exists(server.PathOf("a")));
    }

    [Fact]
    public async Task RmOfMissingFile_Fails()
    {
        await using var server = TestServer.Start();

        var (result, _) = await Lftp.RunAsync(server, "rm not-there.bin");

        Assert.False(result.Succeeded, "removing a missing file must fail");
    }

    [Fact]
    public async Task GetAndPutContinue_Resume_ByteExact()
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        var remote = server.RootFolder.WriteRandomFile("down.bin", 900_000, seed: 11);
        File.WriteAllBytes(local.Combine("down.bin"), remote.AsSpan(0, 123_456).ToArray());
        var upload = local.WriteRandomFile("up.bin", 700_000, seed: 12);
        File.WriteAllBytes(server.PathOf("up.bin"), upload.AsSpan(0, 65_432).ToArray());

        var (result, log) = await Lftp.RunAsync(server,
            $"get -c down.bin -o \"{local.Combine("down.bin")}\"; put -c \"{local.Combine("up.bin")}\" -o up.bin");

        result.AssertSucceeded();
        Assert.Contains("---> REST 123456", log);
        Assert.Contains("---> REST 65432", log);
        Assert.Equal(remote, File.ReadAllBytes(local.Combine("down.bin")));
        Assert.Equal(upload, File.ReadAllBytes(server.PathOf("up.bin")));
    }

    [Fact]
    public async Task MirrorUpAndDown_KeepsTheTree()
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        var files = new Dictionary<string, byte[]>
        {
            ["tree/a.txt"] = local.WriteRandomFile("tree/a.txt", 10, seed: 1),
            ["tree/sub/b.bin"] = local.WriteRandomFile("tree/sub/b.bin", 40_000, seed: 2),
            ["tree/sub/deeper/c.bin"] = local.WriteRandomFile("tree/sub/deeper/c.bin", 0, seed: 3),
        };

        (await Lftp.RunAsync(server, $"mirror -R \"{local.Combine("tree")}\" tree; mirror tree \"{local.Combine("back")}\"")).Result.AssertSucceeded();

        foreach (var (path, content) in files)
        {
            Assert.Equal(content, File.ReadAllBytes(server.PathOf(path)));
            Assert.Equal(content, File.ReadAllBytes(local.Combine("back" + path.Substring("tree".Length))));
        }
    }
}
