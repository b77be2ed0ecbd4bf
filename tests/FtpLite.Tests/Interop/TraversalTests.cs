using System.Text.Json;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Interop;

/// <summary>
/// Attempts to read or write outside the served root, through ftplib and curl: "..", "/../", backslashes, NUL, and
/// symbolic links inside the root that lead out. A sibling folder sharing the root's name as a prefix holds a secret;
/// it must never be read, listed, changed, or written beside.
/// </summary>
public class TraversalTests
{
    // Runs each step on a fresh login and records what came back. Args: host port steps.json.
    private const string AttemptScript = """
        import ftplib, io, json, sys
        host, port = sys.argv[1], int(sys.argv[2])
        steps = json.load(open(sys.argv[3]))
        results = []
        for step in steps:
            kind, args = step[0], step[1:]
            r = {"step": " ".join(step), "ok": False, "reply": "", "data": ""}
            ftp = ftplib.FTP(timeout=20)
            ftp.connect(host, port)
            ftp.login()
            ftp.encoding = "latin-1"
            try:
                if kind == "RETR":
                    chunks = []
                    r["reply"] = ftp.retrbinary("RETR " + args[0], chunks.append)
                    r["data"] = b"".join(chunks).decode("latin-1")
                elif kind == "CWD":
                    r["reply"] = ftp.cwd(args[0])
                    r["data"] = ftp.pwd() + "\n" + "\n".join(ftp.nlst())
                elif kind == "STOR":
                    r["reply"] = ftp.storbinary("STOR " + args[0], io.BytesIO(b"written by the traversal test"))
                elif kind in ("LIST", "MLSD", "NLST"):
                    lines = []
                    r["reply"] = ftp.retrlines(kind + " " + args[0], lines.append)
                    r["data"] = "\n".join(lines)
                elif kind == "RNFR":
                    ftp.sendcmd("RNFR " + args[0])
                    r["reply"] = ftp.sendcmd("RNTO " + args[1])
                else:
                    r["reply"] = ftp.sendcmd(kind + " " + args[0])
                r["ok"] = True
            except ftplib.all_errors as e:
                r["reply"] = str(e)
            try:
                ftp.quit()
            except ftplib.all_errors:
                ftp.close()
            results.append(r)
        print(json.dumps(results))
        """;

    [Fact]
    public async Task OutsideTheRoot_NothingReadListedOrWritten()
    {
        await using var server = TestServer.Start();
        var sibling = server.Root + "-sibling"; // shares the root's name as a prefix, the classic StartsWith mistake
        var siblingName = Path.GetFileName(sibling);
        var secret = "SECRET-" + Guid.NewGuid().ToString("N");
        var parent = Path.GetDirectoryName(server.Root)!;
        var token = Guid.NewGuid().ToString("N").Substring(0, 8);
        Directory.CreateDirectory(sibling);
        try
        {
            File.WriteAllText(Path.Combine(sibling, "secret.txt"), secret);
            File.WriteAllText(server.PathOf("inside.txt"), "inside");
            Directory.CreateDirectory(server.PathOf("sub"));
            var links = TryCreateLinksOut(server, sibling);

            string[][] steps =
            [
                ["RETR", $"../{siblingName}/secret.txt"],
                ["RETR", $"/../{siblingName}/secret.txt"],
                ["RETR", $"..\\{siblingName}\\secret.txt"],
                ["RETR", $"\\..\\{siblingName}\\secret.txt"],
                ["RETR", $"sub/../../{siblingName}/secret.txt"],
                ["RETR", $"./../{siblingName}/secret.txt"],
                ["RETR", "../../../../../../../../etc/passwd"],
                ["RETR", "inside.txt\0../secret.txt"],
                ["SIZE", $"../{siblingName}/secret.txt"],
                ["MDTM", $"/../{siblingName}/secret.txt"],
                ["CWD", ".."],
                ["CWD", "../.."],
                ["CWD", "/.."],
                ["CWD", "..\\.."],
                ["CWD", $"../{siblingName}"],
                ["LIST", $"../{siblingName}"],
                ["NLST", $"/../{siblingName}"],
                ["MLSD", $"../{siblingName}"],
                ["LIST", ".."],
                ["STOR", $"../{siblingName}/evil-{token}.txt"],
                ["STOR", $"..\\{siblingName}\\evil-{token}.txt"],
                ["STOR", $"/../evil-{token}.txt"],
                ["STOR", $"../evil-{token}.txt"],
                ["MKD", $"../{siblingName}/dir-{token}"],
                ["MKD", $"../dir-{token}"],
                ["DELE", $"../{siblingName}/secret.txt"],
                ["RNFR", "inside.txt", $"../{siblingName}/moved-{token}.txt"],
                ["RNFR", $"../{siblingName}/secret.txt", $"stolen-{token}.txt"],
                ["RMD", $"../{siblingName}"],
                .. (links
                    ? new[]
                    {
                        new[] { "RETR", "link-out/secret.txt" },
                        new[] { "RETR", "file-link-out" },
                        new[] { "SIZE", "link-out/secret.txt" },
                        new[] { "CWD", "link-out" },
                        new[] { "LIST", "link-out" },
                        new[] { "MLSD", "link-out" },
                        new[] { "STOR", $"link-out/evil-{token}.txt" },
                        new[] { "MKD", $"link-out/dir-{token}" },
                        new[] { "DELE", "link-out/secret.txt" },
                        new[] { "RNFR", "link-out/secret.txt", $"stolen-{token}.txt" },
                        new[] { "RNFR", "inside.txt", $"link-out/moved-{token}.txt" },
                    }
                    : Array.Empty<string[]>()),
            ];

            var results = await RunStepsAsync(server, steps);

            foreach (var r in results)
            {
                var step = r.GetProperty("step").GetString()!;
                var data = r.GetProperty("data").GetString()!;
                Assert.False(data.Contains(secret), $"{step} read the secret");
                Assert.False(data.Contains("secret.txt"), $"{step} listed the sibling folder: {data}");
                Assert.False(data.Contains("root:"), $"{step} read /etc/passwd");
                var kind = step.Split(' ')[0];
                if (kind is "RETR" or "SIZE" or "MDTM" or "DELE" or "RNFR" or "RMD")
                    Assert.False(r.GetProperty("ok").GetBoolean(), $"{step} succeeded: {r.GetProperty("reply").GetString()}");
                if (kind == "CWD" && r.GetProperty("ok").GetBoolean())
                    Assert.StartsWith("/", data); // a clamped "cd .." stays at a virtual path under "/"
            }

            // Nothing outside changed: the sibling holds only its secret, untouched; nothing was written beside the root.
            Assert.Equal(new[] { "secret.txt" }, Directory.GetFileSystemEntries(sibling).Select(Path.GetFileName));
            Assert.Equal(secret, File.ReadAllText(Path.Combine(sibling, "secret.txt")));
            Assert.False(File.Exists(Path.Combine(parent, $"evil-{token}.txt")));
            Assert.False(Directory.Exists(Path.Combine(parent, $"dir-{token}")));
            Assert.False(File.Exists(server.PathOf($"stolen-{token}.txt")));
        }
        finally
        {
            Directory.Delete(sibling, recursive: true);
        }
    }

    [Theory]
    [InlineData("/../{0}/secret.txt")]
    [InlineData("/%2e%2e/{0}/secret.txt")]
    [InlineData("/..%2f{0}%2fsecret.txt")]
    [InlineData("/..%5c{0}%5csecret.txt")]
    public async Task CurlPathAsIs_CannotFetchOutside(string pathPattern)
    {
        await using var server = TestServer.Start();
        var sibling = server.Root + "-sibling";
        var secret = "SECRET-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(sibling);
        try
        {
            File.WriteAllText(Path.Combine(sibling, "secret.txt"), secret);

            var path = string.Format(pathPattern, Path.GetFileName(sibling));
            var result = await Curl.RunAsync("--path-as-is", $"ftp://127.0.0.1:{server.Port}{path}");

            Assert.False(result.Succeeded, $"curl fetched {path}");
            Assert.DoesNotContain(secret, result.StandardOutput);
        }
        finally
        {
            Directory.Delete(sibling, recursive: true);
        }
    }

    private static async Task<List<JsonElement>> RunStepsAsync(TestServer server, string[][] steps)
    {
        using var folder = new TempFolder();
        var stepsFile = folder.Combine("steps.json");
        await File.WriteAllTextAsync(stepsFile, JsonSerializer.Serialize(steps));
        var results = await PythonScript.RunJsonAsync(AttemptScript, "127.0.0.1", server.Port.ToString(), stepsFile);
        var list = results.EnumerateArray().ToList();
        Assert.Equal(steps.Length, list.Count);
        return list;
    }

    /// <summary>Links inside the root that point out: a folder link to the sibling and a file link to its secret. False where links cannot be made.</summary>
    private static bool TryCreateLinksOut(TestServer server, string sibling)
    {
        try
        {
            Directory.CreateSymbolicLink(server.PathOf("link-out"), sibling);
            File.CreateSymbolicLink(server.PathOf("file-link-out"), Path.Combine(sibling, "secret.txt"));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            return false; // Windows without the privilege: the other attempts still run
        }
    }
}
