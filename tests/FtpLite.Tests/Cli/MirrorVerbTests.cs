using FtpLite.Tests.Client.Mirror;
using FtpLite.Tests.Interop;
using FtpLite.Tests.Client.Peers;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Cli;

/// <summary>"ftplite mirror" as a script runs it: one line per action on stdout, the summary on stderr, exit codes.</summary>
public class MirrorVerbTests
{
    private static readonly Dictionary<string, string?> NoPassword = new() { ["FTPLITE_PASSWORD"] = null };

    public static TheoryData<string> Peers => new("FtpLite", StockPeers.Vsftpd);

    private static async Task<IFtpPeer> StartAsync(string name) =>
        name == "FtpLite" ? FtpLiteServerPeer.Start() : await StockPeers.StartAsync(name, TestContext.Current.CancellationToken);

    private static Task<PeerResult> RunAsync(IFtpPeer peer, params string[] arguments) =>
        CliProcess.RunAsync(NoPassword, arguments.Concat(["-H", "127.0.0.1", "--port", peer.ClientOptions().Port.ToString()]).ToArray());

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task TwoThousandFiles_UpAndDown_DryRunFirst_SecondRunCopiesNothing(string name)
    {
        await using var peer = await StartAsync(name);
        using var source = new TempFolder();
        using var back = new TempFolder();
        MirrorTree.Make(source.Path, folders: 100, filesPerFolder: 20);

        var dryRun = await RunAsync(peer, "mirror", "--up", source.Path, "tree", "--dry-run");
        var up = await RunAsync(peer, "mirror", "--up", source.Path, "tree", "-j", "8");
        var down = await RunAsync(peer, "mirror", "--down", "tree", back.Path, "-j", "8");
        var upAgain = await RunAsync(peer, "mirror", "--up", source.Path, "tree");
        var downAgain = await RunAsync(peer, "mirror", "--down", "tree", back.Path);

        Assert.Equal(0, dryRun.ExitCode);
        Assert.Equal(2100, dryRun.StandardOutput.Lines().Length);
        Assert.Contains("copy d000/: folder missing on the target", dryRun.StandardOutput.Lines());
        Assert.Contains("copy d099/f019.txt: missing on the target", dryRun.StandardOutput.Lines());
        Assert.Contains("dry run: 2100 to copy, 0 to replace, 0 to delete, 0 up to date", dryRun.StandardError);
        Assert.Equal(0, up.ExitCode);
        Assert.Equal(2100, up.StandardOutput.Lines().Length);
        Assert.Contains("mirror: 2100 copied, 0 replaced, 0 deleted, 0 up to date, 0 failed", up.StandardError);
        Assert.Equal(0, down.ExitCode);
        Assert.Contains("mirror: 2100 copied, 0 replaced, 0 deleted, 0 up to date, 0 failed", down.StandardError);
        MirrorTree.AssertSame(source.Path, Path.Combine(peer.Root, "tree"));
        MirrorTree.AssertSame(source.Path, back.Path);
        Assert.Equal((0, ""), (upAgain.ExitCode, upAgain.StandardOutput));
        Assert.Contains("mirror: 0 copied, 0 replaced, 0 deleted, 2000 up to date, 0 failed", upAgain.StandardError);
        Assert.Equal((0, ""), (downAgain.ExitCode, downAgain.StandardOutput));
        Assert.Contains("mirror: 0 copied, 0 replaced, 0 deleted, 2000 up to date, 0 failed", downAgain.StandardError);
        // Only where the server cannot take the source's times does the mirror say so.
        Assert.Equal(name == StockPeers.Vsftpd, up.StandardError.Contains("the server has no MFMT"));
    }

    [Fact]
    public async Task ChangedFileAndDelete_OneLineEach_EmptySourceRefusedWithExit1()
    {
        await using var peer = FtpLiteServerPeer.Start();
        using var source = new TempFolder();
        using var empty = new TempFolder();
        MirrorTree.Make(source.Path, folders: 3, filesPerFolder: 4);
        Assert.Equal(0, (await RunAsync(peer, "mirror", "--up", source.Path, "tree")).ExitCode);
        File.WriteAllText(Path.Combine(source.Path, "d001/f002.txt"), "a change of several more bytes than before, surely");
        File.WriteAllText(Path.Combine(peer.Root, "tree/d002/extra.tmp"), "e");
        File.WriteAllText(Path.Combine(peer.Root, "tree/extra.txt"), "e");

        var plan = await RunAsync(peer, "mirror", "--up", source.Path, "tree", "--delete", "--exclude", "*.tmp", "-n");
        var run = await RunAsync(peer, "mirror", "--up", source.Path, "tree", "--delete", "--exclude", "*.tmp");
        var refused = await RunAsync(peer, "mirror", "--up", empty.Path, "tree", "--delete", "--force");

        Assert.Equal(new[] { "replace d001/f002.txt: size differs (50 bytes on the source, 25 on the target)", "delete extra.txt: not on the source" }, plan.StandardOutput.Lines());
        Assert.Equal(plan.StandardOutput.Lines(), run.StandardOutput.Lines());
        Assert.True(File.Exists(Path.Combine(peer.Root, "tree/d002/extra.tmp")));
        Assert.False(File.Exists(Path.Combine(peer.Root, "tree/extra.txt")));
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("", refused.StandardOutput);
        Assert.StartsWith("ftplite: The source has no files", Assert.Single(refused.StandardError.Lines()));
        Assert.Equal(13, Directory.GetFiles(Path.Combine(peer.Root, "tree"), "*", SearchOption.AllDirectories).Length);
    }

    [Theory]
    [InlineData(new[] { "mirror", "a", "b" }, "exactly one of --up")]
    [InlineData(new[] { "mirror", "--up", "--down", "a", "b" }, "exactly one of --up")]
    [InlineData(new[] { "mirror", "--up", "a" }, "--up LOCAL REMOTE")]
    [InlineData(new[] { "mirror", "--up", "a", "b", "--force" }, "add --delete")]
    [InlineData(new[] { "mirror", "--up", "a", "b", "-j", "0" }, "--jobs must be a whole number from 1 to 64")]
    [InlineData(new[] { "mirror", "--up", "a", "b", "--exclude", "*.tmp,,x" }, "empty pattern")]
    public async Task BadCommandLine_Exit2_OneLine(string[] arguments, string expected)
    {
        var result = await CliProcess.RunAsync(NoPassword, arguments.Concat(new[] { "-H", "127.0.0.1" }).ToArray());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.StandardError);
    }

    [Fact]
    public async Task Up_MissingLocalFolder_Exit5()
    {
        await using var peer = FtpLiteServerPeer.Start();

        var result = await RunAsync(peer, "mirror", "--up", "/nonexistent/folder", "tree");

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("no such local folder", Assert.Single(result.StandardError.Lines()));
    }
}
