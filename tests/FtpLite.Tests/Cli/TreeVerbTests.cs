using FtpLite.Cli;
using FtpLite.Cli.Commands;
using FtpLite.Cli.Terminal;
using FtpLite.Tests.Interop;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Cli;

/// <summary>put -r, get -r and -j N as a user runs them: trees both ways, parallel sessions, one line per file or problem.</summary>
public class TreeVerbTests
{
    private static readonly Dictionary<string, string?> NoPassword = new() { ["FTPLITE_PASSWORD"] = null };

    private static void WriteTree(TempFolder folder)
    {
        folder.WriteRandomFile("tree/readme.txt", 100, seed: 1);
        folder.WriteRandomFile("tree/docs/a.bin", 200_000, seed: 2);
        folder.WriteRandomFile("tree/docs/b.bin", 50_000, seed: 3);
        folder.WriteRandomFile("tree/docs/deep/c.txt", 10, seed: 4);
        folder.WriteRandomFile("tree/img/d.bin", 300_000, seed: 5);
        Directory.CreateDirectory(folder.Combine("tree/empty"));
    }

    [Fact]
    public async Task PutR_ThenGetR_FourJobs_TreeRoundTrips_OneLinePerFile_FourSessions()
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        WriteTree(local);

        var put = await RunInAsync(server, local.Path, "put", "-r", "tree", "-j", "4");
        var putSessions = server.Server.Statistics.TotalSessions;
        var get = await RunInAsync(server, local.Path, "get", "-r", "/tree", "back", "--jobs", "4");

        Assert.Equal((0, "", 5), (put.ExitCode, put.StandardOutput, put.StandardError.Lines().Length));
        Assert.All(put.StandardError.Lines(), l => Assert.StartsWith("sent ", l));
        Assert.Equal(4, putSessions);
        Assert.Equal((0, "", 5), (get.ExitCode, get.StandardOutput, get.StandardError.Lines().Length));
        Assert.True(Directory.Exists(server.PathOf("tree/empty")));
        Assert.True(Directory.Exists(local.Combine("back/empty")));
        foreach (var file in Directory.GetFiles(local.Combine("tree"), "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(local.Combine("tree"), file);
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(server.PathOf("tree/" + relative)));
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(local.Combine("back/" + relative)));
        }
    }

    [Fact]
    public async Task PutR_Again_WithForce_ExistingFoldersAreFine_Exit0()
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        WriteTree(local);

        var first = await RunInAsync(server, local.Path, "put", "-r", "tree");
        local.WriteRandomFile("tree/docs/deep/c.txt", 20, seed: 9);
        var again = await RunInAsync(server, local.Path, "put", "-r", "tree", "--force", "-j", "2");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, again.ExitCode);
        Assert.DoesNotContain("ftplite: ", again.StandardError);
        Assert.Equal(20, new FileInfo(server.PathOf("tree/docs/deep/c.txt")).Length);
    }

    [Fact]
    public async Task PutR_IntoAnExistingFolderGivenAsTarget_MakesTheMissingParents()
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        WriteTree(local);

        var put = await RunInAsync(server, local.Path, "put", "-r", "tree", "/a/b");

        Assert.Equal(0, put.ExitCode);
        Assert.True(File.Exists(server.PathOf("a/b/docs/deep/c.txt")));
    }

    [Fact]
    public async Task PutR_FileWhereAFolderGoes_OneLine_RestSent_NonZeroExit()
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        WriteTree(local);
        server.RootFolder.WriteRandomFile("tree/docs", 5); // A file where the folder docs should be.

        var put = await RunInAsync(server, local.Path, "put", "-r", "tree", "-j", "2");

        Assert.NotEqual(0, put.ExitCode);
        var problem = Assert.Single(put.StandardError.Lines(), l => l.StartsWith("ftplite: ", StringComparison.Ordinal));
        Assert.Contains("/docs", problem);
        Assert.Equal(2, put.StandardError.Lines().Count(l => l.StartsWith("sent ", StringComparison.Ordinal))); // readme.txt, img/d.bin
        Assert.True(File.Exists(server.PathOf("tree/img/d.bin")));
    }

    [Fact]
    public async Task PutJ_ExistingTargetInTheMiddle_Exit6_TheOthersSent()
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        var names = Enumerable.Range(0, 6).Select(i => $"f{i}.bin").ToArray();
        foreach (var name in names) local.WriteRandomFile(name, 1000);
        server.RootFolder.WriteRandomFile("f3.bin", 7);

        var put = await RunInAsync(server, local.Path, ["put", .. names, "-j", "3"]);

        Assert.Equal(6, put.ExitCode);
        Assert.Contains("'f3.bin' exists on the server; --force replaces it, --resume continues it", Assert.Single(put.StandardError.Lines(), l => l.StartsWith("ftplite: ", StringComparison.Ordinal)));
        Assert.Equal(7, new FileInfo(server.PathOf("f3.bin")).Length);
        Assert.Equal(1000, new FileInfo(server.PathOf("f5.bin")).Length);
    }

    [Fact]
    public async Task GetR_MissingFolder_Exit5_OneLine()
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();

        var get = await RunInAsync(server, local.Path, "get", "-r", "/nope");

        Assert.Equal(5, get.ExitCode);
        Assert.Contains("does not exist", Assert.Single(get.StandardError.Lines()));
        Assert.False(Directory.Exists(local.Combine("nope")));
    }

    [Theory]
    [InlineData("put", "-r", "tree", "-j", "0")]
    [InlineData("put", "-r", "tree", "/x", "--to", "/y")]
    [InlineData("get", "-r", "/a", "b", "c")]
    [InlineData("get", "-r", "/")]
    public async Task BadTreeCommandLine_Exit2(params string[] arguments)
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        WriteTree(local);

        var result = await RunInAsync(server, local.Path, arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("ftplite " + arguments[0] + ": ", Assert.Single(result.StandardError.Lines()));
    }

    [Fact]
    public async Task PutR_OfAFile_Exit1_SaysLeaveOutR()
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        local.WriteRandomFile("f.bin", 10);

        var result = await RunInAsync(server, local.Path, "put", "-r", "f.bin");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("leave out -r", Assert.Single(result.StandardError.Lines()));
    }

    [Fact]
    public async Task PutR_OnATerminal_ShowsFilesAndBytesOfTheTotal_AndEachRunningTransfer_ThenWipesIt()
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        WriteTree(local);
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CommandContext(output, error, _ => null, local.Path, terminal: new ErrorTerminal());

        var code = await CliApplication.CreateDefault().RunAsync(["put", "-r", "tree", "-j", "2", "-H", "127.0.0.1", "--port", server.Port.ToString()], context);

        Assert.Equal(0, code);
        var text = error.ToString();
        Assert.Matches(@"0/5 files  0 B of 537 KB +0%", text); // The first frame: nothing done yet, the whole tree's size.
        Assert.Contains("\n  ", text); // A line of its own for a running transfer.
        Assert.Contains("\u001b[2K", text); // Wiped before each summary line.
        Assert.Equal(5, text.Split('\n').Count(l => l.Contains("sent ", StringComparison.Ordinal)));
    }

    private static async Task<PeerResult> RunInAsync(TestServer server, string workingDirectory, params string[] arguments) =>
        await PeerProgram.RunAsync(CliProcess.FileName,
            CliProcess.Arguments(arguments.Concat(["-H", "127.0.0.1", "--port", server.Port.ToString()])),
            timeout: TimeSpan.FromSeconds(60), workingDirectory: workingDirectory, environment: NoPassword);

    /// <summary>A terminal on stderr only, so progress is drawn into the test's writer.</summary>
    private sealed class ErrorTerminal : ITerminal
    {
        public bool IsInputTerminal => false;

        public bool IsErrorTerminal => true;

        public string? ReadSecret(string prompt) => null;
    }
}
