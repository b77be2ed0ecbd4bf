using FtpLite.Server;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Cli;

/// <summary>"ftplite connect": the interactive session, typed into line by line against a server started in the test.</summary>
public class ConnectCommandTests
{
    [Fact]
    public async Task Connect_SeedSession_PutAsksForTheFileName_ThenLsGetQuit()
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        var bytes = local.WriteRandomFile("notes.bin", 200_000);
        using var cli = CliSession.Start(["connect", "127.0.0.1", "--port", server.Port.ToString()], local.Path);

        var banner = await cli.CommandAsync("put");
        await cli.ExpectAsync("(local-file) ");
        await cli.SendAsync("notes.bin");
        await cli.ExpectAsync("(remote-file) ");
        await cli.SendAsync(""); // Enter: the same name
        var put = await cli.CommandAsync("ls");
        var ls = await cli.CommandAsync("get");
        await cli.ExpectAsync("(remote-file) ");
        await cli.SendAsync("notes.bin");
        await cli.ExpectAsync("(local-file) ");
        await cli.SendAsync("copy.bin");
        var get = await cli.CommandAsync("quit");
        var exitCode = await cli.WaitForExitAsync();

        Assert.Equal(0, exitCode);
        Assert.Contains($"Connected to 127.0.0.1 port {server.Port}: 220 ", banner);
        Assert.Matches(@"^sent notes\.bin -> /notes\.bin: 200,000 bytes in [\d.]+ s \(.+/s\)", put);
        Assert.Matches(@"(?m)^file\s+200000\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+notes\.bin\r?$", ls);
        Assert.StartsWith("received /notes.bin -> ", get);
        Assert.Equal(bytes, File.ReadAllBytes(server.PathOf("notes.bin")));
        Assert.Equal(bytes, File.ReadAllBytes(local.Combine("copy.bin")));
        Assert.Equal("", cli.Error);
    }

    [Fact]
    public async Task Connect_Errors_AreOneLineOnStderr_AndTheSessionGoesOn()
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        File.WriteAllText(local.Combine("a.txt"), "first");
        File.WriteAllText(server.PathOf("a.txt"), "already there");
        using var cli = CliSession.Start(["connect", "127.0.0.1", "--port", server.Port.ToString()], local.Path);

        await cli.CommandAsync("get missing.txt");
        await cli.CommandAsync("frobnicate");
        await cli.CommandAsync("put a.txt");
        await cli.CommandAsync("put nothere.txt");
        await cli.CommandAsync("cd nowhere");
        await cli.CommandAsync("rename");
        await cli.ExpectAsync("(from-name) ");
        await cli.SendAsync(""); // nothing given: a usage line, not a hang
        await cli.CommandAsync("pwd");
        var pwd = await cli.CommandAsync("put -f a.txt");
        await cli.CommandAsync("get a.txt");
        await cli.ExpectAsync("ftp> ");
        cli.EndInput();
        var exitCode = await cli.WaitForExitAsync();

        Assert.Equal(0, exitCode);
        Assert.Equal("/", pwd.Trim());
        Assert.Equal("first", File.ReadAllText(server.PathOf("a.txt")));
        var errors = cli.ErrorLines;
        Assert.Equal(7, errors.Length);
        Assert.StartsWith("get: ", errors[0]);
        Assert.Contains("missing.txt", errors[0]);
        Assert.Contains("unknown command 'frobnicate'", errors[1]);
        Assert.Contains("'a.txt' exists on the server; 'put -f' replaces it", errors[2]);
        Assert.Contains("no such local file 'nothere.txt'", errors[3]);
        Assert.StartsWith("cd: ", errors[4]);
        Assert.Contains("rename: no from-name given", errors[5]);
        Assert.Contains("exists; 'get -f' replaces it", errors[6]);
    }

    [Fact]
    public async Task Connect_FolderCommands_MkdirCdPwdRenameRm()
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        File.WriteAllText(server.PathOf("old.txt"), "x");
        using var cli = CliSession.Start(["connect", "127.0.0.1", "--port", server.Port.ToString()], local.Path);

        await cli.CommandAsync("mkdir");
        await cli.ExpectAsync("(directory-name) ");
        await cli.SendAsync("docs");
        await cli.CommandAsync("rename old.txt docs/new.txt");
        await cli.CommandAsync("cd docs");
        var cd = await cli.CommandAsync("pwd");
        var pwd = await cli.CommandAsync("ls");
        var ls = await cli.CommandAsync("rm new.txt");
        await cli.CommandAsync("cd ..");
        await cli.CommandAsync("rm docs");
        await cli.CommandAsync("help");
        var help = await cli.CommandAsync("bye");
        var exitCode = await cli.WaitForExitAsync();

        Assert.Equal(0, exitCode);
        Assert.Equal("", cli.Error);
        Assert.Equal("/docs", cd.Trim());
        Assert.Equal("/docs", pwd.Trim());
        Assert.Contains("new.txt", ls);
        Assert.False(Directory.Exists(server.PathOf("docs")));
        Assert.False(File.Exists(server.PathOf("old.txt")));
        foreach (var command in new[] { "put", "get", "ls", "cd", "pwd", "mkdir", "rm", "rename", "lcd", "help", "quit" })
            Assert.Matches($@"(?m)^  {command}\b", help);
    }

    [Fact]
    public async Task Connect_TreeCommands_LsDashR_ThenRmRefusesTheFolder_RmDashRDeletesIt()
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        server.RootFolder.WriteRandomFile("site/index.html", 10);
        server.RootFolder.WriteRandomFile("site/img/logo.png", 20);
        using var cli = CliSession.Start(["connect", "127.0.0.1", "--port", server.Port.ToString()], local.Path);

        await cli.CommandAsync("ls -R site");
        var tree = await cli.CommandAsync("rm site");
        await cli.CommandAsync("rm -r site");
        await cli.CommandAsync("quit");
        var exitCode = await cli.WaitForExitAsync();

        Assert.Equal(0, exitCode);
        Assert.Matches(@"(?ms)^/site:\r?\n.*\bimg\b.*index\.html.*^/site/img:\r?\n.*logo\.png", tree);
        Assert.Contains("'site' is not empty; rm -r deletes it with everything in it", cli.Error);
        Assert.False(Directory.Exists(server.PathOf("site")));
    }

    [Fact]
    public async Task Connect_WithUser_ReadsThePasswordLineFromAPipe_AndLogsIn()
    {
        await using var server = TestServer.Start(o => o.Users.Add(FtpUser.Create("alice", "s3cret pass")));
        using var local = new TempFolder();
        using var cli = CliSession.Start(["connect", "127.0.0.1", "--port", server.Port.ToString(), "--user", "alice"], local.Path);

        await cli.SendAsync("s3cret pass");
        var banner = await cli.CommandAsync("pwd");
        await cli.CommandAsync("quit");
        var exitCode = await cli.WaitForExitAsync();

        Assert.Equal(0, exitCode);
        Assert.Contains("Logged in as alice.", banner);
        Assert.DoesNotContain("s3cret", cli.Output + cli.Error);
    }

    [Fact]
    public async Task Connect_WrongPassword_Exit4_OneLine()
    {
        await using var server = TestServer.Start(o => o.Users.Add(FtpUser.Create("alice", "right")));
        using var local = new TempFolder();
        var environment = new Dictionary<string, string?> { ["FTPLITE_PASSWORD"] = "wrong" };
        using var cli = CliSession.Start(["connect", "127.0.0.1", "--port", server.Port.ToString(), "--user", "alice"], local.Path, environment);
        cli.EndInput();

        Assert.Equal(4, await cli.WaitForExitAsync());
        Assert.Contains("Login as 'alice' failed: 530", Assert.Single(cli.ErrorLines));
        Assert.Equal("", cli.Output);
    }

    [Fact]
    public async Task Connect_NobodyListening_Exit3_OneLine()
    {
        var port = ClientVerbTests.ClosedPort();
        using var local = new TempFolder();
        using var cli = CliSession.Start(["connect", "127.0.0.1", "--port", port.ToString()], local.Path);
        cli.EndInput();

        Assert.Equal(3, await cli.WaitForExitAsync());
        Assert.Contains($"127.0.0.1:{port}", Assert.Single(cli.ErrorLines));
    }

    [Fact]
    public async Task Connect_EndOfInputAtAFileNamePrompt_EndsTheSessionCleanly()
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        using var cli = CliSession.Start(["connect", "127.0.0.1", "--port", server.Port.ToString()], local.Path);

        await cli.CommandAsync("get");
        await cli.ExpectAsync("(remote-file) ");
        cli.EndInput();

        Assert.Equal(0, await cli.WaitForExitAsync());
        Assert.Equal("", cli.Error);
    }

    [Fact]
    public async Task Connect_ServeProcess_SeedSessionAgainstFtpliteServe()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("POSIX signals stop the server process");
        using var root = new TempFolder();
        using var local = new TempFolder();
        File.WriteAllText(local.Combine("hello.txt"), "hello, serve");
        using var serve = CliProcess.Start(["serve", "--port", "0", "--root", root.Path]);
        var line = await serve.WaitForLineAsync(l => l.StartsWith("FtpLite serving "), TimeSpan.FromSeconds(30));
        var port = line.Substring(line.LastIndexOf(':') + 1).TrimEnd('/');

        using var cli = CliSession.Start(["connect", "127.0.0.1", "--port", port], local.Path);
        await cli.CommandAsync("put hello.txt");
        await cli.CommandAsync("ls");
        var ls = await cli.CommandAsync("quit");
        var exitCode = await cli.WaitForExitAsync();
        serve.Signal(CliProcess.SigTerm);
        await serve.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(0, exitCode);
        Assert.Contains("hello.txt", ls);
        Assert.Equal("hello, serve", File.ReadAllText(Path.Combine(root.Path, "hello.txt")));
    }
}
