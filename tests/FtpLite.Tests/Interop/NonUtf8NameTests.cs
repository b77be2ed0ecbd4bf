using FtpLite.Tests.Support;

namespace FtpLite.Tests.Interop;

/// <summary>
/// A client that speaks Latin-1 (ftplib with encoding="latin-1") sends names that are not UTF-8. Two different
/// names on the wire must never reach one file: such names are refused with 553, and a name of that kind already
/// on disk is still listed.
/// </summary>
public class NonUtf8NameTests
{
    // Args: host port root. Puts a Latin-1-named file on disk first, then stores two Latin-1 names and lists.
    private const string Script = """
        import ftplib, io, json, os, sys
        host, port, root = sys.argv[1], int(sys.argv[2]), sys.argv[3]
        with open(os.path.join(os.fsencode(root), b"old-\xe9.txt"), "wb") as f:
            f.write(b"old")
        ftp = ftplib.FTP(timeout=30, encoding="latin-1")
        ftp.connect(host, port)
        ftp.login("anonymous", "ftplib@example.org")
        result = {}
        for key, name, content in (("acute", "caf\u00e9.txt", b"first"), ("grave", "caf\u00e8.txt", b"second")):
            try:
                result[key] = ftp.storbinary("STOR " + name, io.BytesIO(content))
            except ftplib.error_perm as e:
                result[key] = str(e)
        lines = []
        result["list"] = ftp.retrlines("LIST", lines.append)
        result["lines"] = len(lines)
        result["noop"] = ftp.voidcmd("NOOP")
        ftp.quit()
        print(json.dumps(result))
        """;

    [Fact]
    public async Task Latin1Names_Refused553_NoFileOverwritten_AndANonUtf8NameOnDiskIsListed()
    {
        await using var server = TestServer.Start();

        var result = await PythonScript.RunJsonAsync(Script, "127.0.0.1", server.Port.ToString(), server.Root);

        Assert.StartsWith("553", result.GetProperty("acute").GetString());
        Assert.StartsWith("553", result.GetProperty("grave").GetString());
        Assert.StartsWith("226", result.GetProperty("list").GetString());
        Assert.Equal(1, result.GetProperty("lines").GetInt32());
        Assert.StartsWith("200", result.GetProperty("noop").GetString());
        Assert.Single(Directory.GetFiles(server.Root)); // Only the one put there by hand.
    }
}
