using System.Security.Cryptography;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Server;

/// <summary>
/// A session that chose a hash (OPTS HASH, or a HASH already asked) has its whole-file uploads hashed as they are
/// written, and the HASH of that file answers from it while the file is unchanged (same length and time). The tests
/// change the file behind the server's back: with its length and time kept the kept digest answers (the proof that no
/// second read happened); with either changed, or another algorithm, the file is read again.
/// </summary>
public class UploadDigestTests
{
    private static string Sha256Of(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    [Fact]
    public async Task HashChosenBeforeUpload_HashAnswersFromTheUploadedBytes()
    {
        await using var server = TestServer.Start();
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        var bytes = RandomNumberGenerator.GetBytes(3_000_000);
        Assert.Equal(200, (await ftp.CommandAsync("OPTS HASH SHA-256")).Code);
        Assert.Equal(226, (await ftp.UploadAsync("STOR u.bin", bytes)).Code);
        OverwriteKeepingLengthAndTime(server.PathOf("u.bin"));

        var reply = await ftp.CommandAsync("HASH u.bin");

        Assert.Equal($"SHA-256 0-{bytes.Length} {Sha256Of(bytes)} u.bin", reply.Message);
    }

    [Fact]
    public async Task NoHashChosenBeforeUpload_HashReadsTheFile()
    {
        await using var server = TestServer.Start();
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        Assert.Equal(226, (await ftp.UploadAsync("STOR u.bin", RandomNumberGenerator.GetBytes(100_000))).Code);
        var now = OverwriteKeepingLengthAndTime(server.PathOf("u.bin"));

        var reply = await ftp.CommandAsync("HASH u.bin");

        Assert.Equal($"SHA-256 0-{now.Length} {Sha256Of(now)} u.bin", reply.Message);
    }

    [Fact]
    public async Task FileChangedAfterUpload_HashReadsTheFile()
    {
        await using var server = TestServer.Start();
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        await ftp.CommandAsync("OPTS HASH SHA-256");
        Assert.Equal(226, (await ftp.UploadAsync("STOR u.bin", RandomNumberGenerator.GetBytes(100_000))).Code);
        var path = server.PathOf("u.bin");
        File.AppendAllText(path, "more");
        var now = File.ReadAllBytes(path);

        var reply = await ftp.CommandAsync("HASH u.bin");

        Assert.Equal($"SHA-256 0-{now.Length} {Sha256Of(now)} u.bin", reply.Message);
    }

    [Fact]
    public async Task OtherAlgorithmAfterUpload_HashReadsTheFile()
    {
        await using var server = TestServer.Start();
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        await ftp.CommandAsync("OPTS HASH SHA-256");
        Assert.Equal(226, (await ftp.UploadAsync("STOR u.bin", RandomNumberGenerator.GetBytes(100_000))).Code);
        var now = OverwriteKeepingLengthAndTime(server.PathOf("u.bin"));
        await ftp.CommandAsync("OPTS HASH MD5");

        var reply = await ftp.CommandAsync("HASH u.bin");

        Assert.Equal($"MD5 0-{now.Length} {Convert.ToHexString(MD5.HashData(now)).ToLowerInvariant()} u.bin", reply.Message);
    }

    [Fact]
    public async Task AsciiUpload_DigestIsOfTheStoredBytes()
    {
        await using var server = TestServer.Start();
        using var ftp = await RawFtpConnection.ConnectAsync(server.Server.EndPoint);
        await ftp.LoginAsync();
        await ftp.CommandAsync("OPTS HASH SHA-256");
        Assert.Equal(200, (await ftp.CommandAsync("TYPE A")).Code);
        Assert.Equal(226, (await ftp.UploadAsync("STOR t.txt", "one\r\ntwo\r\n"u8.ToArray())).Code);
        var stored = File.ReadAllBytes(server.PathOf("t.txt"));

        var reply = await ftp.CommandAsync("HASH t.txt");

        Assert.Equal($"SHA-256 0-{stored.Length} {Sha256Of(stored)} t.txt", reply.Message);
    }

    /// <summary>New random content of the same length, the modification time put back; returns the new content.</summary>
    private static byte[] OverwriteKeepingLengthAndTime(string path)
    {
        var time = File.GetLastWriteTimeUtc(path);
        var bytes = RandomNumberGenerator.GetBytes((int)new FileInfo(path).Length);
        File.WriteAllBytes(path, bytes);
        File.SetLastWriteTimeUtc(path, time);
        return bytes;
    }
}
