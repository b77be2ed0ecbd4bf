using FtpLite.Tests.Support;

namespace FtpLite.Tests.Interop;

/// <summary>curl drives our server: uploads, downloads, listings, quoted commands, resume, all four data-channel modes.</summary>
public class CurlTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(10 * 1024 * 1024)]
    public async Task UploadThenDownload_ByteExact(int length)
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        var content = local.WriteRandomFile("in.bin", length, seed: length + 1);

        (await Curl.RunAsync("-T", local.Combine("in.bin"), Curl.Url(server, "file.bin"))).AssertSucceeded();
        Assert.Equal(content, File.ReadAllBytes(server.PathOf("file.bin")));

        (await Curl.RunAsync("-o", local.Combine("out.bin"), Curl.Url(server, "file.bin"))).AssertSucceeded();
        Assert.Equal(content, File.ReadAllBytes(local.Combine("out.bin")));
    }

    [Theory]
    [InlineData("EPSV")]
    [InlineData("PASV", "--disable-epsv")]
    [InlineData("EPRT", "-P", "127.0.0.1")]
    [InlineData("PORT", "-P", "127.0.0.1", "--disable-eprt")]
    public async Task DataChannelModes_TransferByteExact(string expectedCommand, params string[] mode)
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        var content = local.WriteRandomFile("in.bin", 200_000);

        var upload = (await Curl.RunAsync(mode.Concat(new[] { "-v", "-T", local.Combine("in.bin"), Curl.Url(server, "m.bin") }).ToArray())).AssertSucceeded();
        (await Curl.RunAsync(mode.Concat(new[] { "-o", local.Combine("out.bin"), Curl.Url(server, "m.bin") }).ToArray())).AssertSucceeded();

        Assert.Contains("> " + expectedCommand, upload.StandardError);
        Assert.Equal(content, File.ReadAllBytes(server.PathOf("m.bin")));
        Assert.Equal(content, File.ReadAllBytes(local.Combine("out.bin")));
    }

    [Fact]
    public async Task ListAndNlst_ShowFilesAndFolders()
    {
        await using var server = TestServer.Start();
        server.RootFolder.WriteRandomFile("sub/inner.txt", 10);
        server.RootFolder.WriteRandomFile("top.bin", 4321);

        var list = (await Curl.RunAsync(Curl.Url(server))).AssertSucceeded().StandardOutput.Lines();
        var names = (await Curl.RunAsync("--list-only", Curl.Url(server))).AssertSucceeded().StandardOutput.Lines();
        var inner = (await Curl.RunAsync("--list-only", Curl.Url(server, "sub/"))).AssertSucceeded().StandardOutput.Lines();

        Assert.Contains(list, l => l.StartsWith('-') && l.Contains(" 4321 ") && l.EndsWith(" top.bin"));
        Assert.Contains(list, l => l.StartsWith('d') && l.EndsWith(" sub"));
        Assert.Equal(new[] { "sub", "top.bin" }, names.Order());
        Assert.Equal(new[] { "inner.txt" }, inner);
    }

    [Fact]
    public async Task QuotedCommands_MakeRenameAndDelete()
    {
        await using var server = TestServer.Start();
        File.WriteAllText(server.PathOf("a.txt"), "alpha");

        (await Curl.RunAsync("-Q", "MKD docs", "-Q", "RNFR a.txt", "-Q", "RNTO docs/b.txt", "--list-only", Curl.Url(server))).AssertSucceeded();
        Assert.False(File.Exists(server.PathOf("a.txt")));
        Assert.Equal("alpha", File.ReadAllText(server.PathOf("docs/b.txt")));

        (await Curl.RunAsync("-Q", "DELE docs/b.txt", "-Q", "RMD docs", "--list-only", Curl.Url(server))).AssertSucceeded();
        Assert.False(Directory.Exists(server.PathOf("docs")));
    }

    [Fact]
    public async Task QuotedCommand_Refused_FailsCurl()
    {
        await using var server = TestServer.Start();

        var result = await Curl.RunAsync("-Q", "DELE no-such-file", "--list-only", Curl.Url(server));

        Assert.False(result.Succeeded, "deleting a missing file must fail");
        Assert.Contains("550", result.StandardError);
    }

    [Fact]
    public async Task FtpCreateDirs_UploadsIntoNewFolders()
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        var content = local.WriteRandomFile("in.bin", 5000);

        (await Curl.RunAsync("--ftp-create-dirs", "-T", local.Combine("in.bin"), Curl.Url(server, "a/b/c/deep.bin"))).AssertSucceeded();

        Assert.Equal(content, File.ReadAllBytes(server.PathOf("a/b/c/deep.bin")));
    }

    [Fact]
    public async Task ContinueAt_ResumesDownload_ByteExact()
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        var remote = server.RootFolder.WriteRandomFile("big.bin", 1_000_000, seed: 3);
        File.WriteAllBytes(local.Combine("big.bin"), remote.AsSpan(0, 400_000).ToArray());

        var result = (await Curl.RunAsync("-v", "-C", "-", "-o", local.Combine("big.bin"), Curl.Url(server, "big.bin"))).AssertSucceeded();

        Assert.Contains("> REST 400000", result.StandardError);
        Assert.Equal(remote, File.ReadAllBytes(local.Combine("big.bin")));
    }

    [Fact]
    public async Task ContinueAt_ResumesUpload_ByteExact()
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        var content = local.WriteRandomFile("big.bin", 1_000_000, seed: 4);
        File.WriteAllBytes(server.PathOf("big.bin"), content.AsSpan(0, 300_000).ToArray());

        var result = (await Curl.RunAsync("-v", "-C", "-", "-T", local.Combine("big.bin"), Curl.Url(server, "big.bin"))).AssertSucceeded();

        Assert.Contains("> APPE big.bin", result.StandardError);
        Assert.Equal(content, File.ReadAllBytes(server.PathOf("big.bin")));
    }

    [Fact]
    public async Task NamedAccount_WrongPassword_Refused_RightPassword_Works()
    {
        await using var server = TestServer.Start(o => o.Users.Add(FtpLite.Server.FtpUser.Create("alice", "s3cret")));
        File.WriteAllText(server.PathOf("note.txt"), "for alice");

        var wrong = await Curl.RunAsync("-u", "alice:wrong", Curl.Url(server, "note.txt"));
        var anonymous = await Curl.RunAsync(Curl.Url(server, "note.txt"));
        var right = (await Curl.RunAsync("-u", "alice:s3cret", Curl.Url(server, "note.txt"))).AssertSucceeded();

        Assert.Equal(67, wrong.ExitCode); // CURLE_LOGIN_DENIED
        Assert.Equal(67, anonymous.ExitCode);
        Assert.Equal("for alice", right.StandardOutput);
    }
}
