using System.Text.RegularExpressions;
using FtpLite.Client;
using FtpLite.Server;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Interop;

/// <summary>
/// An interrupted upload is kept, hidden, for the user (and, anonymous, the address) that sent it, and a resume
/// continues it, the way each client resumes: ours (SIZE, REST n + STOR), curl -C - (SIZE, APPE) and lftp put -c
/// (SIZE, REST n + STOR). The old file stays whole until the resumed upload completes; nobody else sees the pending one.
/// </summary>
public class ResumableUploadTests
{
    private const int NewLength = 3_000_000;
    private const int OldLength = 1_000_000;

    [Fact]
    public async Task OurClient_ResumesAnInterruptedReplacement_ByteExact()
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        var (old, content, pending) = await InterruptAsync(server, local);

        var options = new FtpClientOptions("127.0.0.1", server.Port);
        using (var client = await FtpClient.ConnectAsync(options))
        {
            var result = await client.UploadFileAsync(local.Combine("new.bin"), "target.bin", new FtpTransferOptions { Resume = true });
            Assert.Equal(pending, result.ResumedFrom);
        }

        Assert.NotEqual(old, content.Take(OldLength));
        Assert.Equal(content, File.ReadAllBytes(server.PathOf("target.bin")));
        AssertNoTemporaries(server);
    }

    [Fact]
    public async Task CurlContinueAt_ResumesAnInterruptedReplacement_ByteExact()
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        var (_, content, pending) = await InterruptAsync(server, local);

        var result = (await Curl.RunAsync("-v", "-C", "-", "-T", local.Combine("new.bin"), Curl.Url(server, "target.bin"))).AssertSucceeded();

        Assert.Contains("> APPE target.bin", result.StandardError);
        Assert.Contains($"< 213 {pending}", result.StandardError);
        Assert.Equal(content, File.ReadAllBytes(server.PathOf("target.bin")));
        AssertNoTemporaries(server);
    }

    [Fact]
    public async Task LftpPutContinue_ResumesAnInterruptedReplacement_ByteExact()
    {
        await using var server = TestServer.Start();
        using var local = new TempFolder();
        var (_, content, pending) = await InterruptAsync(server, local);

        var (result, log) = await Lftp.RunAsync(server, $"put -c \"{local.Combine("new.bin")}\" -o target.bin");

        result.AssertSucceeded();
        Assert.Contains($"---> REST {pending}", log);
        Assert.Equal(content, File.ReadAllBytes(server.PathOf("target.bin")));
        AssertNoTemporaries(server);
    }

    [Fact]
    public async Task PendingUpload_IsInvisibleToOtherUsers_AndAFreshStorDiscardsIt()
    {
        await using var server = TestServer.Start(o =>
        {
            o.Users.Add(FtpUser.Create("alice", "a"));
            o.Users.Add(FtpUser.Create("bob", "b"));
        });
        using var local = new TempFolder();
        var (old, _, pending) = await InterruptAsync(server, local, "alice", "a");

        using var bob = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await bob.LoginAsync("bob", "b");
        Assert.Equal($"{OldLength}", (await bob.CommandAsync("SIZE target.bin")).Message);
        Assert.Equal(new[] { "target.bin" }, (await bob.ListAsync("NLST")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(old, (await bob.DownloadAsync("RETR target.bin")).Data);

        using var alice = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await alice.LoginAsync("alice", "a");
        Assert.Equal($"{pending}", (await alice.CommandAsync("SIZE target.bin")).Message);
        Assert.Equal(old, (await alice.DownloadAsync("RETR target.bin")).Data);
        Assert.Equal(226, (await alice.UploadAsync("STOR target.bin", "fresh"u8.ToArray())).Code);
        Assert.Equal("5", (await alice.CommandAsync("SIZE target.bin")).Message);
        Assert.Equal("fresh", File.ReadAllText(server.PathOf("target.bin")));
        AssertNoTemporaries(server);
    }

    /// <summary>
    /// Puts a 1 MB old target.bin on the server and a 3 MB new.bin beside the client, starts replacing the one with the
    /// other, and aborts once over a megabyte has arrived. Returns the old and new contents and what SIZE now reports.
    /// </summary>
    private static async Task<(byte[] Old, byte[] Content, long Pending)> InterruptAsync(
        TestServer server, TempFolder local, string user = "anonymous", string password = "test@example.com")
    {
        var old = server.RootFolder.WriteRandomFile("target.bin", OldLength, seed: 51);
        var content = local.WriteRandomFile("new.bin", NewLength, seed: 52);
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync(user, password);
        using (var data = await ftp.OpenPassiveAsync())
        {
            Assert.Equal(150, (await ftp.CommandAsync("STOR target.bin")).Code);
            await data.GetStream().WriteAsync(content.AsMemory(0, 1_500_000));
            // STAT during a transfer says how much arrived; ABOR once over a megabyte has (bounded: 200 polls).
            for (var i = 0; i < 200 && Arrived(await ftp.CommandAsync("STAT")) < 1_200_000; i++) await Task.Delay(20);
            await ftp.SendAsync("ABOR");
            Assert.Equal(426, (await ftp.ReadReplyAsync()).Code);
            Assert.Equal(226, (await ftp.ReadReplyAsync()).Code);
        }
        Assert.Equal(old, File.ReadAllBytes(server.PathOf("target.bin")));
        var size = await ftp.CommandAsync("SIZE target.bin");
        Assert.Equal(213, size.Code);
        var pending = long.Parse(size.Message);
        Assert.InRange(pending, 1_200_000, 1_500_000);
        return (old, content, pending);
    }

    private static long Arrived(FtpLite.Protocol.FtpReply stat)
    {
        var match = Regex.Match(stat.Message, @"(\d+) bytes so far");
        return match.Success ? long.Parse(match.Groups[1].Value) : 0;
    }

    private static void AssertNoTemporaries(TestServer server) =>
        Assert.Empty(Directory.GetFiles(server.Root, "*.part", SearchOption.AllDirectories));
}
