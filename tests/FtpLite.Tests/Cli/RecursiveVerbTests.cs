using System.Text.Json;
using FtpLite.Tests.Interop;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Cli;

/// <summary>rm -r and ls -R as a user runs them: what is gone, what is printed, the exit codes.</summary>
public class RecursiveVerbTests
{
    private static readonly Dictionary<string, string?> NoPassword = new() { ["FTPLITE_PASSWORD"] = null };

    private static void WriteTree(TestServer server, string root = "tree")
    {
        server.RootFolder.WriteRandomFile(root + "/top.txt", 10);
        server.RootFolder.WriteRandomFile(root + "/a/one.bin", 3000);
        server.RootFolder.WriteRandomFile(root + "/a/b/two.txt", 7);
        server.RootFolder.WriteRandomFile(root + "/a/b/c/three.txt", 5);
        Directory.CreateDirectory(server.PathOf(root + "/empty"));
    }

    [Fact]
    public async Task RmR_ThreeLevelTrees_Gone_BothSpellings_NothingPrinted_Exit0()
    {
        await using var server = TestServer.Start();
        WriteTree(server, "tree");
        WriteTree(server, "tree2");
        File.WriteAllText(server.PathOf("keep.txt"), "k");

        var shortForm = await RunAsync(server, "rm", "-r", "tree");
        var longForm = await RunAsync(server, "rm", "--recursive", "/tree2");

        Assert.Equal((0, "", ""), (shortForm.ExitCode, shortForm.StandardOutput, shortForm.StandardError));
        Assert.Equal((0, "", ""), (longForm.ExitCode, longForm.StandardOutput, longForm.StandardError));
        Assert.False(Directory.Exists(server.PathOf("tree")));
        Assert.False(Directory.Exists(server.PathOf("tree2")));
        Assert.True(File.Exists(server.PathOf("keep.txt")));
    }

    [Fact]
    public async Task Rm_WithoutR_AFolderWithContents_Refused_Exit1_TreeKept()
    {
        await using var server = TestServer.Start();
        WriteTree(server);

        var result = await RunAsync(server, "rm", "tree");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("ftplite: 'tree' is not empty; rm -r deletes it with everything in it", Assert.Single(result.StandardError.Lines()));
        Assert.True(File.Exists(server.PathOf("tree/a/b/c/three.txt")));
    }

    [Fact]
    public async Task RmR_AFileAndAMissingPath_TheFileGoes_TheMissingOneIsExit5_OneLine()
    {
        await using var server = TestServer.Start();
        File.WriteAllText(server.PathOf("f.txt"), "f");

        var result = await RunAsync(server, "rm", "-r", "missing", "f.txt");

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("missing", Assert.Single(result.StandardError.Lines()));
        Assert.False(File.Exists(server.PathOf("f.txt")));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/a/..")]
    public async Task RmR_TheRoot_UsageError_Exit2_NothingDeleted(string path)
    {
        await using var server = TestServer.Start();
        WriteTree(server);

        var result = await RunAsync(server, "rm", "-r", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("root", Assert.Single(result.StandardError.Lines()));
        Assert.True(File.Exists(server.PathOf("tree/a/b/c/three.txt")));
    }

    [Fact]
    public async Task RmR_DeeperThanTheBound_OneLine_Exit1_NothingDeleted()
    {
        await using var server = TestServer.Start();
        server.RootFolder.WriteRandomFile("deep/top.txt", 3);
        server.RootFolder.WriteRandomFile("deep/" + string.Join("/", Enumerable.Repeat("d", 65)) + "/bottom.txt", 3);

        var result = await RunAsync(server, "rm", "-r", "deep");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nested more than 64 folders deep", Assert.Single(result.StandardError.Lines()));
        Assert.True(File.Exists(server.PathOf("deep/top.txt")));
    }

    [Fact]
    public async Task LsR_ThreeLevels_EachFolderAHeaderThenItsItems_ByName_Exit0()
    {
        await using var server = TestServer.Start();
        WriteTree(server);

        var result = await RunAsync(server, "ls", "-R", "tree");

        Assert.Equal((0, ""), (result.ExitCode, result.StandardError));
        var lines = result.StandardOutput.TrimEnd('\n').Split('\n'); // Blank lines between the folders included.
        Assert.Equal(17, lines.Length);
        Assert.Equal("/tree:", lines[0]);
        Assert.Matches(@"^dir\s+\S+\s+\S+ \S+\s+a/$", lines[1]);
        Assert.Matches(@"^dir\s+\S+\s+\S+ \S+\s+empty/$", lines[2]);
        Assert.Matches(@"^file\s+10\s+\S+ \S+\s+top\.txt$", lines[3]);
        Assert.Equal(new[] { "", "/tree/a:" }, lines[4..6]);
        Assert.Matches(@"^dir\s+.*\s+b/$", lines[6]);
        Assert.Matches(@"^file\s+3000\s+.*\s+one\.bin$", lines[7]);
        Assert.Equal(new[] { "", "/tree/a/b:" }, lines[8..10]);
        Assert.Matches(@"^dir\s+.*\s+c/$", lines[10]);
        Assert.Matches(@"^file\s+7\s+.*\s+two\.txt$", lines[11]);
        Assert.Equal(new[] { "", "/tree/a/b/c:" }, lines[12..14]);
        Assert.Matches(@"^file\s+5\s+.*\s+three\.txt$", lines[14]);
        Assert.Equal("/tree/empty:", lines[^1]);
    }

    [Fact]
    public async Task LsR_Json_OneArrayOfEveryItemInTheTree()
    {
        await using var server = TestServer.Start();
        WriteTree(server);

        var result = await RunAsync(server, "ls", "--recursive", "/tree", "--json");

        Assert.Equal((0, ""), (result.ExitCode, result.StandardError));
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal(
            new[] { "/tree/a", "/tree/empty", "/tree/top.txt", "/tree/a/b", "/tree/a/one.bin", "/tree/a/b/c", "/tree/a/b/two.txt", "/tree/a/b/c/three.txt" },
            json.RootElement.EnumerateArray().Select(e => e.GetProperty("fullName").GetString()));
    }

    [Fact]
    public async Task LsR_AFolderTooDeep_OneLineOnStderr_TheRestListed_Exit1()
    {
        await using var server = TestServer.Start();
        server.RootFolder.WriteRandomFile("t/" + string.Join("/", Enumerable.Repeat("d", 65)) + "/bottom.txt", 3);
        server.RootFolder.WriteRandomFile("t/z/last.txt", 3);

        var result = await RunAsync(server, "ls", "-R", "/t");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nested more than 64 folders deep", Assert.Single(result.StandardError.Lines()));
        Assert.DoesNotContain("bottom.txt", result.StandardOutput);
        Assert.Matches(@"last\.txt$", result.StandardOutput.Lines()[^1]);
    }

    [Fact]
    public async Task LsR_MissingPath_Exit5_NothingOnStdout()
    {
        await using var server = TestServer.Start();

        var result = await RunAsync(server, "ls", "-R", "nothing-here");

        Assert.Equal((5, ""), (result.ExitCode, result.StandardOutput));
        Assert.Contains("nothing-here", Assert.Single(result.StandardError.Lines()));
    }

    private static Task<PeerResult> RunAsync(TestServer server, params string[] arguments) =>
        CliProcess.RunAsync(NoPassword, arguments.Concat(["-H", "127.0.0.1", "--port", server.Port.ToString()]).ToArray());
}
