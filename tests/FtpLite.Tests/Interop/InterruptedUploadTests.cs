using System.Text.Json;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Interop;

/// <summary>
/// A socket-level Python client starts a STOR, sends part of the file, then is interrupted: ABOR on the control
/// connection (plain, and as ftplib's own abort() sends it, as TCP urgent data), a reset data connection, or a client
/// that vanishes. The old file must stay byte-exact and a new name must not appear; what arrived stays only as the
/// client's hidden pending upload, a prefix of what it sent (README: resumable uploads).
/// </summary>
public class InterruptedUploadTests
{
    // Args: host port mode target payload partial_bytes. Prints the control replies it saw as JSON.
    private const string InterruptScript = """
        import ftplib, json, socket, struct, sys, time
        host, port, mode, target, payload, partial = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6])
        data = open(payload, "rb").read()[:partial]
        ftp = ftplib.FTP(timeout=15)
        ftp.connect(host, port)
        ftp.login()
        ftp.voidcmd("TYPE I")
        conn = ftp.transfercmd("STOR " + target)
        conn.sendall(data)
        time.sleep(0.3)  # let the server write what arrived before the interruption

        def reset(sock):
            # A zero linger makes close() send RST, as the kernel of a crashed client would.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            sock.close()

        replies = []
        if mode == "abor":
            ftp.sock.sendall(b"ABOR\r\n")
            replies.append(ftp.getline())
            if not replies[-1].startswith("2"):
                replies.append(ftp.getline())
            conn.close()
        elif mode == "ftplib-abort":
            replies.append(ftp.abort())  # sends "ABOR\r\n" with MSG_OOB
            if replies[-1].startswith("426"):
                replies.append(ftp.getline())
            conn.close()
        elif mode == "reset":
            reset(conn)
            replies.append(ftp.getline())
        elif mode == "vanish":
            reset(conn)
            reset(ftp.sock)
        if mode != "vanish":
            replies.append(ftp.sendcmd("NOOP"))  # the session is still in step after the interruption
            ftp.quit()
        print(json.dumps({"replies": replies}))
        """;

    [Theory]
    [InlineData("abor")]
    [InlineData("ftplib-abort")]
    [InlineData("reset")]
    [InlineData("vanish")]
    public async Task InterruptedStor_KeepsTheOldFile_AndLeavesNoPartialFile(string mode)
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        var old = server.RootFolder.WriteRandomFile("target.bin", 1_000_000, seed: 31);
        local.WriteRandomFile("new.bin", 2_000_000, seed: 32);

        var result = await PythonScript.RunJsonAsync(InterruptScript,
            "127.0.0.1", server.Port.ToString(), mode, "target.bin", local.Combine("new.bin"), "600000");

        await WaitForSessionsToEndAsync(server);
        AssertReplies(mode, result);
        Assert.Equal(old, File.ReadAllBytes(server.PathOf("target.bin")));
        AssertOnlyPendingUpload(server, "target.bin", local.Combine("new.bin"), "target.bin");
    }

    [Theory]
    [InlineData("abor")]
    [InlineData("reset")]
    [InlineData("vanish")]
    public async Task InterruptedStor_OfANewName_LeavesNothing(string mode)
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        local.WriteRandomFile("new.bin", 2_000_000, seed: 33);

        var result = await PythonScript.RunJsonAsync(InterruptScript,
            "127.0.0.1", server.Port.ToString(), mode, "fresh.bin", local.Combine("new.bin"), "600000");

        await WaitForSessionsToEndAsync(server);
        AssertReplies(mode, result);
        AssertOnlyPendingUpload(server, "fresh.bin", local.Combine("new.bin"));
    }

    // Args: host port target payload partial_bytes. Sends part of the file, then dies as a crashed client does when its
    // kernel closes the control connection first: a FIN there, then (os._exit: no clean-up, exit code 0 for the runner)
    // a FIN on the data connection, which looks like the file's end. The opposite order cannot be told from a complete
    // upload in FTP's stream mode (README).
    private const string KilledScript = """
        import ftplib, os, socket, sys, time
        host, port, target, payload, partial = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
        ftp = ftplib.FTP(timeout=15)
        ftp.connect(host, port)
        ftp.login()
        ftp.voidcmd("TYPE I")
        conn = ftp.transfercmd("STOR " + target)
        conn.sendall(open(payload, "rb").read()[:partial])
        time.sleep(0.3)
        ftp.sock.shutdown(socket.SHUT_RDWR)
        time.sleep(0.2)
        os._exit(0)
        """;

    [Fact]
    public async Task ClientKilled_MidStor_KeepsTheOldFile()
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        var old = server.RootFolder.WriteRandomFile("target.bin", 1_000_000, seed: 34);
        local.WriteRandomFile("new.bin", 2_000_000, seed: 35);

        await PythonScript.RunAsync(KilledScript, "127.0.0.1", server.Port.ToString(), "target.bin", local.Combine("new.bin"), "600000");

        await WaitForSessionsToEndAsync(server);
        Assert.Equal(old, File.ReadAllBytes(server.PathOf("target.bin")));
        AssertOnlyPendingUpload(server, "target.bin", local.Combine("new.bin"), "target.bin");
    }

    private static void AssertOnlyPendingUpload(TestServer server, string target, string sent, params string[] visible)
    {
        var pending = FtpLite.Storage.TemporaryNames.ForOwner("anonymous@127.0.0.1", target);
        var names = Directory.GetFileSystemEntries(server.Root).Select(Path.GetFileName).ToList();
        Assert.Equal(visible, names.Where(n => n != pending));
        if (!names.Contains(pending)) return;
        var kept = File.ReadAllBytes(server.PathOf(pending));
        Assert.Equal(File.ReadAllBytes(sent).Take(kept.Length), kept);
    }

    private static void AssertReplies(string mode, JsonElement result)
    {
        var replies = result.GetProperty("replies").EnumerateArray().Select(r => r.GetString()!).ToList();
        if (mode == "vanish")
        {
            Assert.Empty(replies);
            return;
        }
        // The STOR ends in a transient failure (426 or 451), ABOR (when sent) is answered 2xx, and NOOP still works.
        Assert.Matches("^4(26|51) ", replies[0]);
        if (mode != "reset") Assert.Matches("^22[56] ", replies[1]);
        Assert.StartsWith("200 ", replies[^1]);
    }

    // The failed upload's clean-up runs as its session ends; wait for that (bounded) before looking at the disk.
    private static async Task WaitForSessionsToEndAsync(TestServer server)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (server.Server.SessionCount > 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Equal(0, server.Server.SessionCount);
    }
}
