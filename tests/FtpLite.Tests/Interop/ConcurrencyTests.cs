using FtpLite.Tests.Support;

namespace FtpLite.Tests.Interop;

/// <summary>Fifty ftplib clients at once (Python threads), each uploading and downloading its own file.</summary>
public class ConcurrencyTests
{
    private const int Clients = 50;

    // Args: host port clients size. Each thread: login, STOR its own random file, RETR it, compare, QUIT.
    // Prints the SHA-256 each client uploaded, and the errors.
    private const string ClientsScript = """
        import ftplib, hashlib, io, json, os, sys, threading
        host, port, clients, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
        sent, errors = {}, []
        lock = threading.Lock()
        barrier = threading.Barrier(clients, timeout=60)

        def client(i):
            name = "client-%02d.bin" % i
            try:
                data = os.urandom(size)
                ftp = ftplib.FTP(timeout=60)
                ftp.connect(host, port)
                ftp.login()
                barrier.wait()  # all sessions open at the same time before anyone transfers
                ftp.storbinary("STOR " + name, io.BytesIO(data))
                back = bytearray()
                ftp.retrbinary("RETR " + name, back.extend)
                ftp.quit()
                if bytes(back) != data:
                    raise Exception("downloaded %d bytes that differ from the %d uploaded" % (len(back), len(data)))
                with lock:
                    sent[name] = hashlib.sha256(data).hexdigest()
            except BaseException as e:
                barrier.abort()
                with lock:
                    errors.append("%s: %r" % (name, e))

        threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        hung = sum(t.is_alive() for t in threads)
        if hung:
            errors.append("%d clients still running after the deadline" % hung)
        print(json.dumps({"sent": sent, "errors": errors}))
        """;

    [Fact]
    public async Task FiftyClients_EachUploadAndDownloadTheirOwnFile_ByteExact()
    {
        await using var server = TestServer.Start();

        var result = await PythonScript.RunJsonAsync(ClientsScript, "127.0.0.1", server.Port.ToString(), Clients.ToString(), "262144");

        Assert.Empty(result.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        var sent = result.GetProperty("sent").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        Assert.Equal(Clients, sent.Count);
        foreach (var (name, sha256) in sent)
        {
            var onDisk = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(server.PathOf(name))));
            Assert.Equal(sha256, onDisk, ignoreCase: true);
        }
        Assert.Equal(Clients, server.Server.Statistics.FilesReceived);
        Assert.True(server.Server.Statistics.TotalSessions >= Clients);
    }
}
