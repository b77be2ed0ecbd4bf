using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using FtpLite.Server;
using FtpLite.Tests.Interop;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Cli;

/// <summary>The one-shot verbs as a script runs them: data on stdout, one line per problem on stderr, and exit codes to test.</summary>
public class ClientVerbTests
{
    private static readonly Dictionary<string, string?> NoPassword = new() { ["FTPLITE_PASSWORD"] = null };

    [Fact]
    public async Task PutThenGet_RoundTrip_StdoutEmpty_SummaryOnStderr_Exit0()
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        var bytes = local.WriteRandomFile("a.bin", 300_000);
        local.WriteRandomFile("b.bin", 10, seed: 2);
        Directory.CreateDirectory(server.PathOf("in"));
        Directory.CreateDirectory(local.Combine("back"));

        var put = await RunAsync(server, "put", local.Combine("a.bin"), local.Combine("b.bin"), "--to", "/in");
        var get = await RunAsync(server, "get", "/in/a.bin", "in/b.bin", "--to", local.Combine("back"));

        Assert.Equal(0, put.ExitCode);
        Assert.Equal("", put.StandardOutput);
        Assert.Equal(2, put.StandardError.Lines().Length);
        Assert.StartsWith("sent a.bin -> /in/a.bin: 300,000 bytes in ", put.StandardError.Lines()[0]);
        Assert.Equal(bytes, File.ReadAllBytes(server.PathOf("in/a.bin")));
        Assert.Equal(0, get.ExitCode);
        Assert.Equal("", get.StandardOutput);
        Assert.Equal(bytes, File.ReadAllBytes(local.Combine("back/a.bin")));
        Assert.True(File.Exists(local.Combine("back/b.bin")));
    }

    [Fact]
    public async Task Put_ExistingTarget_Exit6WithoutForce_ReplacedWithForce_ContinuedWithResume()
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        var bytes = local.WriteRandomFile("f.bin", 100_000);
        File.WriteAllBytes(server.PathOf("f.bin"), bytes.Take(40_000).ToArray());

        var refused = await RunAsync(server, "put", local.Combine("f.bin"));
        var unchanged = new FileInfo(server.PathOf("f.bin")).Length;
        var resumed = await RunAsync(server, "put", local.Combine("f.bin"), "--resume");
        File.WriteAllText(server.PathOf("f.bin"), "other");
        var forced = await RunAsync(server, "put", local.Combine("f.bin"), "-f");

        Assert.Equal(6, refused.ExitCode);
        Assert.Contains("exists on the server; --force replaces it, --resume continues it", Assert.Single(refused.StandardError.Lines()));
        Assert.Equal(40_000, unchanged);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains("60,000 bytes", resumed.StandardError);
        Assert.Contains("resumed at", resumed.StandardError);
        Assert.Equal(0, forced.ExitCode);
        Assert.Equal(bytes, File.ReadAllBytes(server.PathOf("f.bin")));
    }

    [Fact]
    public async Task Get_ExistingLocalFile_Exit6WithoutForce_AndKeptWhole()
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        File.WriteAllText(server.PathOf("g.txt"), "remote");
        File.WriteAllText(local.Combine("g.txt"), "local");

        var refused = await RunInAsync(server, local.Path, "get", "g.txt");
        var kept = File.ReadAllText(local.Combine("g.txt"));
        var forced = await RunInAsync(server, local.Path, "get", "g.txt", "--force");

        Assert.Equal(6, refused.ExitCode);
        Assert.Single(refused.StandardError.Lines());
        Assert.Equal("local", kept);
        Assert.Equal(0, forced.ExitCode);
        Assert.Equal("remote", File.ReadAllText(local.Combine("g.txt")));
    }

    [Fact]
    public async Task Get_Missing_Exit5_OneLine_AndTheOthersStillCome()
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        File.WriteAllText(server.PathOf("there.txt"), "here");

        var result = await RunInAsync(server, local.Path, "get", "missing.txt", "there.txt");

        Assert.Equal(5, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
        var lines = result.StandardError.Lines();
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("ftplite: ", lines[0]);
        Assert.Contains("missing.txt", lines[0]);
        Assert.Equal("here", File.ReadAllText(local.Combine("there.txt")));
    }

    [Fact]
    public async Task Put_MissingLocalFile_Exit5_NothingSent()
    {
        await using var server = TestServer.Start();

        var result = await RunAsync(server, "put", "/no/such/file.txt");

        Assert.Equal(5, result.ExitCode);
        Assert.Equal("ftplite: no such local file '/no/such/file.txt'", Assert.Single(result.StandardError.Lines()));
    }

    [Fact]
    public async Task Ls_Json_IsOneArrayOfItems()
    {
        await using var server = TestServer.Start();
        File.WriteAllBytes(server.PathOf("data.bin"), new byte[1234]);
        Directory.CreateDirectory(server.PathOf("sub"));

        var result = await RunAsync(server, "ls", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.StandardError);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var items = json.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);
        Assert.Equal(2, items.Count);
        var data = items["data.bin"];
        Assert.Equal("/data.bin", data.GetProperty("fullName").GetString());
        Assert.Equal("file", data.GetProperty("type").GetString());
        Assert.Equal(1234, data.GetProperty("length").GetInt64());
        Assert.InRange(data.GetProperty("lastWriteTime").GetDateTime(), DateTime.UtcNow.AddDays(-1), DateTime.UtcNow.AddDays(1));
        Assert.Equal(JsonValueKind.String, data.GetProperty("permissions").ValueKind);
        Assert.Equal("directory", items["sub"].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Ls_Text_OneLinePerItem_AndAFileListsItself()
    {
        await using var server = TestServer.Start();
        Directory.CreateDirectory(server.PathOf("sub"));
        File.WriteAllText(server.PathOf("sub/x.txt"), "abc");

        var folder = await RunAsync(server, "ls", "sub");
        var file = await RunAsync(server, "ls", "/sub/x.txt");
        var root = await RunAsync(server, "ls");

        Assert.Matches(@"^file\s+3\s+\S+ \S+\s+x\.txt$", Assert.Single(folder.StandardOutput.Lines()));
        Assert.Equal(folder.StandardOutput, file.StandardOutput);
        Assert.Matches(@"^dir\s+\S+\s+\S+ \S+\s+sub/$", Assert.Single(root.StandardOutput.Lines()));
    }

    [Fact]
    public async Task Ls_MissingPath_Exit5()
    {
        await using var server = TestServer.Start();

        var result = await RunAsync(server, "ls", "nothing-here");

        Assert.Equal(5, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
        Assert.Contains("nothing-here", Assert.Single(result.StandardError.Lines()));
    }

    [Fact]
    public async Task MkdirAndRm_DoTheirWork_AndReportEachFailure()
    {
        await using var server = TestServer.Start();
        File.WriteAllText(server.PathOf("doomed.txt"), "x");

        var mkdir = await RunAsync(server, "mkdir", "a", "a/b");
        var again = await RunAsync(server, "mkdir", "a");
        var rm = await RunAsync(server, "rm", "doomed.txt", "missing.txt", "a/b");

        Assert.Equal(0, mkdir.ExitCode);
        Assert.Equal(1, again.ExitCode);
        Assert.Equal("ftplite: 'a' already exists on the server", Assert.Single(again.StandardError.Lines()));
        Assert.Equal(5, rm.ExitCode);
        Assert.Contains("missing.txt", Assert.Single(rm.StandardError.Lines()));
        Assert.False(File.Exists(server.PathOf("doomed.txt")));
        Assert.False(Directory.Exists(server.PathOf("a/b")));
        Assert.True(Directory.Exists(server.PathOf("a")));
    }

    [Fact]
    public async Task NobodyListening_Exit3()
    {
        var port = ClosedPort();

        var result = await CliProcess.RunAsync(NoPassword, "ls", "-H", "127.0.0.1", "--port", port.ToString());

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
        Assert.Single(result.StandardError.Lines());
    }

    [Fact]
    public async Task WrongPassword_Exit4_AndThePasswordComesFromTheEnvironment()
    {
        await using var server = TestServer.Start(o => o.Users.Add(FtpUser.Create("bob", "good")));
        File.WriteAllText(server.PathOf("x.txt"), "x");

        var wrong = await CliProcess.RunAsync(new Dictionary<string, string?> { ["FTPLITE_PASSWORD"] = "bad" },
            "ls", "-H", "127.0.0.1", "--port", server.Port.ToString(), "--user", "bob");
        var right = await CliProcess.RunAsync(new Dictionary<string, string?> { ["FTPLITE_PASSWORD"] = "good" },
            "ls", "-H", "127.0.0.1", "--port", server.Port.ToString(), "--user", "bob");

        Assert.Equal(4, wrong.ExitCode);
        Assert.Contains("Login as 'bob' failed", Assert.Single(wrong.StandardError.Lines()));
        Assert.Equal(0, right.ExitCode);
        Assert.Contains("x.txt", right.StandardOutput);
    }

    [Theory]
    [InlineData("say which server with --host HOST", "ls")]
    [InlineData("--pin needs --tls explicit or --tls implicit", "ls", "-H", "h", "--pin", "00")]
    [InlineData("--tls is 'explicit' or 'implicit', not 'maybe'", "ls", "-H", "h", "--tls", "maybe")]
    [InlineData("--pin and --insecure contradict each other", "ls", "-H", "h", "--tls", "explicit", "--insecure", "--pin", "AB")]
    [InlineData("name at least one local file", "put", "-H", "h")]
    [InlineData("--port must be a whole number from 1 to 65535", "get", "x", "-H", "h", "--port", "0")]
    [InlineData("say which server: ftplite connect HOST", "connect")]
    public async Task UsageMistakes_Exit2_OneLine(string message, params string[] arguments)
    {
        var result = await CliProcess.RunAsync(NoPassword, arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
        Assert.Contains(message, Assert.Single(result.StandardError.Lines()));
    }

    [Theory]
    [InlineData("connect", "--port N", "-u, --user NAME", "--tls MODE", "--tls-name NAME", "--pin SHA256", "--insecure")]
    [InlineData("put", "-H, --host HOST", "--port N", "-u, --user NAME", "--to REMOTE", "-f, --force", "--resume", "--tls MODE", "--pin SHA256", "--insecure", "-r, --recursive", "-j, --jobs N")]
    [InlineData("get", "-H, --host HOST", "--to LOCAL", "-f, --force", "--resume", "--tls MODE", "-r, --recursive", "-j, --jobs N")]
    [InlineData("ls", "-H, --host HOST", "--json", "-R, --recursive", "--tls MODE")]
    [InlineData("rm", "-H, --host HOST", "--port N", "-r, --recursive")]
    [InlineData("mkdir", "-H, --host HOST", "--port N")]
    [InlineData("cert", "-H, --host NAME", "--out FILE", "--days N", "--pem", "-f, --force")]
    [InlineData("serve", "--certificate FILE", "--certificate-key FILE", "--certificate-password-env VAR", "--require-tls", "--implicit-port N")]
    public async Task Help_EveryVerb_ListsItsOptions(string verb, params string[] options)
    {
        var help = await CliProcess.RunAsync(verb, "--help");
        var overview = await CliProcess.RunAsync("--help");

        Assert.Equal(0, help.ExitCode);
        Assert.Equal("", help.StandardError);
        foreach (var option in options.Append("-h, --help")) Assert.Contains(help.StandardOutput.Lines(), l => l.TrimStart().StartsWith(option));
        if (verb is "put" or "get" or "ls" or "rm" or "mkdir") Assert.Contains("3 cannot connect", help.StandardOutput);
        if (verb is not "serve" and not "cert") Assert.Contains("8080", help.StandardOutput);
        Assert.Contains(overview.StandardOutput.Lines(), l => l.TrimStart().StartsWith(verb + " "));
    }

    /// <summary>A port nobody listens on: bound, read, released.</summary>
    internal static int ClosedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private static Task<PeerResult> RunAsync(TestServer server, params string[] arguments) =>
        CliProcess.RunAsync(NoPassword, arguments.Concat(["-H", "127.0.0.1", "--port", server.Port.ToString()]).ToArray());

    /// <summary>Runs in <paramref name="workingDirectory"/>, where get puts files by default.</summary>
    private static async Task<PeerResult> RunInAsync(TestServer server, string workingDirectory, params string[] arguments) =>
        await PeerProgram.RunAsync(CliProcess.FileName,
            CliProcess.Arguments(arguments.Concat(["-H", "127.0.0.1", "--port", server.Port.ToString()])),
            timeout: TimeSpan.FromSeconds(60), workingDirectory: workingDirectory, environment: NoPassword);
}
