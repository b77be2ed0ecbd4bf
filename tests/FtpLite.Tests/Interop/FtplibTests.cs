using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using FtpLite.Server;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Interop;

/// <summary>Python's ftplib (standard library) drives our server: transfers, listings, folders, resume, active mode, IPv6.</summary>
public class FtplibTests
{
    // Uploads a local file, downloads it to another, in passive or active mode. Args: host port local remote out passive.
    private const string RoundTripScript = """
        import ftplib, json, sys
        host, port, local, remote, out, passive = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6] == "1"
        ftp = ftplib.FTP(timeout=30)
        ftp.connect(host, port)
        ftp.login("anonymous", "ftplib@example.org")
        ftp.set_pasv(passive)
        with open(local, "rb") as f:
            stor = ftp.storbinary("STOR " + remote, f)
        with open(out, "wb") as f:
            retr = ftp.retrbinary("RETR " + remote, f.write)
        size = ftp.size(remote)
        quit = ftp.quit()
        print(json.dumps({"stor": stor, "retr": retr, "size": size, "quit": quit}))
        """;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(10 * 1024 * 1024)]
    public async Task StorRetr_Passive_ByteExact(int length)
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        var content = local.WriteRandomFile("in.bin", length, seed: length);

        var result = await PythonScript.RunJsonAsync(RoundTripScript,
            "127.0.0.1", server.Port.ToString(), local.Combine("in.bin"), "file.bin", local.Combine("out.bin"), "1");

        Assert.StartsWith("226", result.GetProperty("stor").GetString());
        Assert.StartsWith("226", result.GetProperty("retr").GetString());
        Assert.Equal(length, result.GetProperty("size").GetInt32());
        Assert.StartsWith("221", result.GetProperty("quit").GetString());
        Assert.Equal(content, File.ReadAllBytes(server.PathOf("file.bin")));
        Assert.Equal(content, File.ReadAllBytes(local.Combine("out.bin")));
    }

    [Fact]
    public async Task StorRetr_ActiveMode_ByteExact()
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        var content = local.WriteRandomFile("in.bin", 300_000);

        await PythonScript.RunJsonAsync(RoundTripScript,
            "127.0.0.1", server.Port.ToString(), local.Combine("in.bin"), "active.bin", local.Combine("out.bin"), "0");

        Assert.Equal(content, File.ReadAllBytes(server.PathOf("active.bin")));
        Assert.Equal(content, File.ReadAllBytes(local.Combine("out.bin")));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task StorRetr_OverIPv6_UsesEpsvAndEprt(bool passive)
    {
        if (!Socket.OSSupportsIPv6) Assert.Skip("this machine has no IPv6");
        using var root = new TempFolder();
        using var server = new FtpServer(new FtpServerOptions { Root = root.Path, ListenAddress = IPAddress.IPv6Loopback, Port = 0, FailedLoginDelay = TimeSpan.Zero });
        try
        {
            server.Start();
        }
        catch (SocketException)
        {
            Assert.Skip("::1 cannot be bound here");
        }
        using var local = new TempFolder();
        var content = local.WriteRandomFile("in.bin", 100_000);

        await PythonScript.RunJsonAsync(RoundTripScript,
            "::1", server.EndPoint.Port.ToString(), local.Combine("in.bin"), "v6.bin", local.Combine("out.bin"), passive ? "1" : "0");

        Assert.Equal(content, File.ReadAllBytes(Path.Combine(root.Path, "v6.bin")));
        Assert.Equal(content, File.ReadAllBytes(local.Combine("out.bin")));
        await server.StopAsync(TimeSpan.FromSeconds(2));
    }

    // LIST, MLSD and NLST of the root. Args: host port.
    private const string ListingScript = """
        import ftplib, json, sys
        ftp = ftplib.FTP(timeout=30)
        ftp.connect(sys.argv[1], int(sys.argv[2]))
        ftp.login()
        lines = []
        ftp.retrlines("LIST", lines.append)
        mlsd = {name: facts for name, facts in ftp.mlsd()}
        nlst = ftp.nlst()
        ftp.quit()
        print(json.dumps({"list": lines, "mlsd": mlsd, "nlst": nlst}))
        """;

    [Fact]
    public async Task ListMlsdNlst_ShowFilesAndFolders()
    {
        await using var server = TestServer.Start();
        server.RootFolder.WriteRandomFile("data.bin", 1234);
        Directory.CreateDirectory(server.PathOf("sub"));

        var result = await PythonScript.RunJsonAsync(ListingScript, "127.0.0.1", server.Port.ToString());

        var list = result.GetProperty("list").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(list, l => l.StartsWith('-') && l.EndsWith(" data.bin") && l.Contains(" 1234 "));
        Assert.Contains(list, l => l.StartsWith('d') && l.EndsWith(" sub"));

        var mlsd = result.GetProperty("mlsd");
        Assert.Equal("file", mlsd.GetProperty("data.bin").GetProperty("type").GetString());
        Assert.Equal("1234", mlsd.GetProperty("data.bin").GetProperty("size").GetString());
        Assert.Equal("dir", mlsd.GetProperty("sub").GetProperty("type").GetString());

        var nlst = result.GetProperty("nlst").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("data.bin", nlst);
        Assert.Contains("sub", nlst);
    }

    // Folder and file management, each step's reply recorded. Args: host port.
    private const string ManageScript = """
        import ftplib, io, json, sys
        ftp = ftplib.FTP(timeout=30)
        ftp.connect(sys.argv[1], int(sys.argv[2]))
        ftp.login()
        r = {}
        r["mkd"] = ftp.mkd("docs")
        r["cwd"] = ftp.cwd("docs")
        r["pwd"] = ftp.pwd()
        ftp.storbinary("STOR a.txt", io.BytesIO(b"alpha"))
        r["rename"] = ftp.rename("a.txt", "b.txt")
        r["cdup"] = ftp.sendcmd("CDUP")
        r["nlst_docs"] = ftp.nlst("docs")
        r["delete"] = ftp.delete("docs/b.txt")
        r["rmd"] = ftp.rmd("docs")
        r["nlst_root"] = ftp.nlst()
        ftp.quit()
        print(json.dumps(r))
        """;

    [Fact]
    public async Task MkdRenameDeleteRmd_ChangeTheDisk()
    {
        await using var server = TestServer.Start();

        var r = await PythonScript.RunJsonAsync(ManageScript, "127.0.0.1", server.Port.ToString());

        Assert.Equal("/docs", r.GetProperty("mkd").GetString());
        Assert.Equal("/docs", r.GetProperty("pwd").GetString());
        Assert.StartsWith("250", r.GetProperty("rename").GetString());
        Assert.Contains(r.GetProperty("nlst_docs").EnumerateArray(), e => e.GetString()!.EndsWith("b.txt"));
        Assert.StartsWith("250", r.GetProperty("delete").GetString());
        Assert.StartsWith("250", r.GetProperty("rmd").GetString());
        Assert.Empty(r.GetProperty("nlst_root").EnumerateArray());
        Assert.False(Directory.Exists(server.PathOf("docs")));
    }

    // Resumes a download (REST + RETR) into a partial local file and an upload (REST + STOR) onto a partial remote one.
    // Args: host port remote_download local_partial remote_upload local_full offset_upload.
    private const string ResumeScript = """
        import ftplib, json, os, sys
        host, port, rdown, lpart, rup, lfull, upoff = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6], int(sys.argv[7])
        ftp = ftplib.FTP(timeout=30)
        ftp.connect(host, port)
        ftp.login()
        ftp.voidcmd("TYPE I")
        have = os.path.getsize(lpart)
        with open(lpart, "ab") as f:
            down = ftp.retrbinary("RETR " + rdown, f.write, rest=have)
        with open(lfull, "rb") as f:
            f.seek(upoff)
            up = ftp.storbinary("STOR " + rup, f, rest=upoff)
        ftp.quit()
        print(json.dumps({"down": down, "up": up}))
        """;

    [Fact]
    public async Task Rest_ResumesDownloadAndUpload_ByteExact()
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        var remote = server.RootFolder.WriteRandomFile("down.bin", 1_000_000, seed: 7);
        File.WriteAllBytes(local.Combine("partial.bin"), remote.AsSpan(0, 333_333).ToArray());
        var upload = local.WriteRandomFile("full.bin", 800_000, seed: 8);
        File.WriteAllBytes(server.PathOf("up.bin"), upload.AsSpan(0, 250_000).ToArray());

        var r = await PythonScript.RunJsonAsync(ResumeScript, "127.0.0.1", server.Port.ToString(),
            "down.bin", local.Combine("partial.bin"), "up.bin", local.Combine("full.bin"), "250000");

        Assert.StartsWith("226", r.GetProperty("down").GetString());
        Assert.StartsWith("226", r.GetProperty("up").GetString());
        Assert.Equal(remote, File.ReadAllBytes(local.Combine("partial.bin")));
        Assert.Equal(upload, File.ReadAllBytes(server.PathOf("up.bin")));
    }
}
