using System.Security.Cryptography;
using FtpLite.Client;
using FtpLite.Tests.Client.Fakes;
using FtpLite.Tests.Client.Peers;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Client;

/// <summary>The client against a scripted server: fallbacks, failures and the reply stream's integrity.</summary>
public class FtpClientBehaviourTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static FtpClientOptions OptionsFor(ScriptedFtpServer server) => new("127.0.0.1", server.Port);

    private static readonly FtpTransferOptions NotVerified = new() { Verify = FtpVerification.None };

    [Fact]
    public async Task Connect_MultiLineGreeting_KeptWhole()
    {
        await using var server = new ScriptedFtpServer { Greeting = "220-Welcome\r\n220-to the test\r\n220 ready\r\n" };

        using var client = await FtpClient.ConnectAsync(OptionsFor(server), Token);

        Assert.Equal(new[] { "Welcome", "to the test", "ready" }, client.Greeting.Lines);
    }

    [Fact]
    public async Task Connect_Greeting421_ConnectionFailedWithReply()
    {
        await using var server = new ScriptedFtpServer { Greeting = "421 Too many connections\r\n" };

        var e = await Assert.ThrowsAsync<FtpException>(() => FtpClient.ConnectAsync(OptionsFor(server), Token));

        Assert.Equal(FtpErrorKind.ConnectionFailed, e.Kind);
        Assert.Equal(421, e.Code);
        Assert.True(e.IsTransient);
    }

    [Fact]
    public async Task Connect_PasswordRefused_LoginFailed()
    {
        await using var server = new ScriptedFtpServer();
        server.Replies["PASS"] = "530 Login incorrect.\r\n";

        var e = await Assert.ThrowsAsync<FtpException>(() => FtpClient.ConnectAsync(OptionsFor(server), Token));

        Assert.Equal(FtpErrorKind.LoginFailed, e.Kind);
        Assert.Equal(530, e.Code);
    }

    [Fact]
    public async Task GetItem_PureFtpdAnswersMlstOfRootWithPdir_IsTheRootFolder()
    {
        await using var server = new ScriptedFtpServer();
        server.Features += " MLST type*;size*;sizd*;modify*;UNIX.mode*;UNIX.uid*;UNIX.gid*;unique*;\r\n MLSD\r\n";
        server.Replies["MLST"] =
            "250-Begin\r\n type=pdir;sizd=4096;modify=20261202174853;UNIX.mode=0777;UNIX.uid=0;UNIX.gid=0;unique=fe00gb1e050; /\r\n250 End.\r\n";
        using var client = await FtpClient.ConnectAsync(OptionsFor(server), Token);

        var item = await client.GetItemAsync("/", Token);

        Assert.NotNull(item);
        Assert.Equal(FtpItemType.Directory, item!.Type);
        Assert.Equal("/", item.FullName);
    }

    [Fact]
    public async Task Connect_NothingListening_ConnectionFailed()
    {
        var port = PeerProcess.FreePort();

        var e = await Assert.ThrowsAsync<FtpException>(() => FtpClient.ConnectAsync(new FtpClientOptions("127.0.0.1", port), Token));

        Assert.Equal(FtpErrorKind.ConnectionFailed, e.Kind);
        Assert.Null(e.Reply);
    }

    [Fact]
    public async Task Download_EpsvRefused_FallsBackToPasvAndRemembers()
    {
        await using var server = new ScriptedFtpServer { RefuseEpsv = true, File = new byte[] { 1, 2, 3 } };
        using var client = await FtpClient.ConnectAsync(OptionsFor(server), Token);

        var first = new MemoryStream();
        var second = new MemoryStream();
        await client.DownloadAsync("f", first, cancellationToken: Token);
        await client.DownloadAsync("f", second, cancellationToken: Token);

        Assert.Equal(new byte[] { 1, 2, 3 }, first.ToArray());
        Assert.Equal(new byte[] { 1, 2, 3 }, second.ToArray());
        Assert.Equal(1, server.Count("EPSV"));
        Assert.Equal(2, server.Count("PASV"));
    }

    [Theory]
    [InlineData("150 Opening BINARY mode data connection for f (5 bytes).", 1)] // vsftpd, ProFTPD, FtpLite: SIZE once, then trusted.
    [InlineData("150 File status okay. About to open data connection.", 3)]    // pyftpdlib: SIZE before every download.
    public async Task DownloadFile_WithProgress_TotalAlwaysKnown_SizeAskedOnlyWhileTheOpeningReplyDoesNotTellIt(string opening, int sizes)
    {
        await using var server = new ScriptedFtpServer { File = new byte[] { 1, 2, 3, 4, 5 }, OpeningReply = opening };
        using var client = await FtpClient.ConnectAsync(OptionsFor(server), Token);
        using var local = new TempFolder();

        var totals = new List<long?>();
        for (var i = 0; i < 3; i++)
        {
            var progress = new SyncProgress();
            // Without verification: a server without HASH is otherwise asked SIZE once more, after each download.
            await client.DownloadFileAsync("f", Path.Combine(local.Path, $"f{i}"), NotVerified, progress, Token);
            totals.Add(progress.Reports[^1].TotalBytes);
        }

        Assert.Equal(new long?[] { 5, 5, 5 }, totals);
        Assert.Equal(sizes, server.Count("SIZE"));
    }

    [Fact]
    public async Task Download_WithoutProgress_AsksNoSize()
    {
        await using var server = new ScriptedFtpServer { File = new byte[] { 1, 2, 3 } };
        using var client = await FtpClient.ConnectAsync(OptionsFor(server), Token);
        using var local = new TempFolder();

        await client.DownloadAsync("f", new MemoryStream(), cancellationToken: Token);
        await client.DownloadFileAsync("f", Path.Combine(local.Path, "f"), NotVerified, cancellationToken: Token);

        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(Path.Combine(local.Path, "f")));
        Assert.Equal(0, server.Count("SIZE"));
    }

    [Fact]
    public async Task Download_EpsvOnlyModeRefused_NotSupported()
    {
        await using var server = new ScriptedFtpServer { RefuseEpsv = true };
        var options = OptionsFor(server);
        options.DataMode = FtpDataMode.ExtendedPassive;
        using var client = await FtpClient.ConnectAsync(options, Token);

        var e = await Assert.ThrowsAsync<FtpException>(() => client.DownloadAsync("f", new MemoryStream(), cancellationToken: Token));

        Assert.Equal(FtpErrorKind.NotSupported, e.Kind);
        Assert.Equal(0, server.Count("PASV"));
    }

    [Fact]
    public async Task DownloadFile_ServerHashMatches_SelectsSha256AndVerifies()
    {
        var content = new byte[] { 10, 20, 30, 40 };
        var hex = Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();
        await using var server = new ScriptedFtpServer { File = content, Features = " EPSV\r\n SIZE\r\n HASH SHA-1*;SHA-256;MD5\r\n" };
        server.Replies["HASH"] = $"213 SHA-256 0-4 {hex} f\r\n";
        using var client = await FtpClient.ConnectAsync(OptionsFor(server), Token);
        using var local = new TempFolder();

        var result = await client.DownloadFileAsync("f", local.Combine("f"), cancellationToken: Token);

        Assert.True(result.HashVerified);
        Assert.Equal(hex, result.Hash);
        Assert.Contains("OPTS HASH SHA-256", server.Received);
    }

    [Fact]
    public async Task DownloadFile_ServerHashDiffers_HashMismatchAndNoFileLeft()
    {
        await using var server = new ScriptedFtpServer { File = new byte[] { 1 }, Features = " EPSV\r\n SIZE\r\n HASH SHA-256*\r\n" };
        server.Replies["HASH"] = "213 SHA-256 0-1 00000000000000000000000000000000000000000000000000000000000000ff f\r\n";
        using var client = await FtpClient.ConnectAsync(OptionsFor(server), Token);
        using var local = new TempFolder();

        var e = await Assert.ThrowsAsync<FtpException>(() => client.DownloadFileAsync("f", local.Combine("f"), cancellationToken: Token));

        Assert.Equal(FtpErrorKind.HashMismatch, e.Kind);
        Assert.Empty(Directory.GetFileSystemEntries(local.Path));
        Assert.DoesNotContain(server.Received, line => line.StartsWith("OPTS HASH", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetHash_ServerWithoutHash_NotSupported()
    {
        await using var server = new ScriptedFtpServer();
        using var client = await FtpClient.ConnectAsync(OptionsFor(server), Token);

        var e = await Assert.ThrowsAsync<FtpException>(() => client.GetHashAsync("f", cancellationToken: Token));

        Assert.Equal(FtpErrorKind.NotSupported, e.Kind);
    }

    [Fact]
    public async Task Command_ServerNeverAnswers_TimeoutAndConnectionClosed()
    {
        await using var server = new ScriptedFtpServer();
        server.Silent["NOOP"] = true;
        var options = OptionsFor(server);
        options.CommandTimeout = TimeSpan.FromMilliseconds(300);
        using var client = await FtpClient.ConnectAsync(options, Token);

        var e = await Assert.ThrowsAsync<FtpException>(() => client.ExecuteAsync("NOOP", Token));

        Assert.Equal(FtpErrorKind.Timeout, e.Kind);
        Assert.True(e.IsTransient);
        // A late reply could answer the next command: the connection is closed rather than trusted.
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Command_CallerCancelsWhileWaiting_OperationCanceledNotTimeout()
    {
        await using var server = new ScriptedFtpServer();
        server.Silent["NOOP"] = true;
        var options = OptionsFor(server);
        options.CommandTimeout = TimeSpan.FromSeconds(30);
        using var client = await FtpClient.ConnectAsync(options, Token);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(200));

        var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ExecuteAsync("NOOP", cancel.Token));

        Assert.Equal(cancel.Token, e.CancellationToken);
    }

    [Fact]
    public async Task Command_AfterUnaskedExtraReply_GetsItsOwnReply()
    {
        await using var server = new ScriptedFtpServer();
        server.Replies["NOOP"] = "200 ok\r\n200 a stale extra reply\r\n";
        using var client = await FtpClient.ConnectAsync(OptionsFor(server), Token);

        var noop = await client.ExecuteAsync("NOOP", Token);
        var pwd = await client.ExecuteAsync("PWD", Token);

        Assert.Equal("ok", noop.Message);
        Assert.Equal(257, pwd.Code);
    }

    [Fact]
    public async Task Command_Unasked421_ConnectionLostBeforeSending()
    {
        await using var server = new ScriptedFtpServer();
        server.Replies["NOOP"] = "200 ok\r\n421 Idle timeout, closing\r\n";
        using var client = await FtpClient.ConnectAsync(OptionsFor(server), Token);
        await client.ExecuteAsync("NOOP", Token);

        var e = await Assert.ThrowsAsync<FtpException>(() => client.ExecuteAsync("PWD", Token));

        Assert.Equal(FtpErrorKind.ConnectionLost, e.Kind);
        Assert.Equal(421, e.Code);
        Assert.Equal("NOOP", server.Received.Last()); // PWD was never sent into a closing session.
    }

    [Fact]
    public async Task Execute_LineBreakInCommand_Refused()
    {
        await using var server = new ScriptedFtpServer();
        using var client = await FtpClient.ConnectAsync(OptionsFor(server), Token);

        await Assert.ThrowsAsync<ArgumentException>(() => client.DeleteFileAsync("a\r\nDELE b", Token));
        await Assert.ThrowsAsync<ArgumentException>(() => client.ExecuteAsync("NOOP\r\nQUIT", Token));
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task Disconnect_SendsQuitAndCloses()
    {
        await using var server = new ScriptedFtpServer();
        var client = await FtpClient.ConnectAsync(OptionsFor(server), Token);

        await client.DisconnectAsync(Token);

        Assert.False(client.IsConnected);
        Assert.Contains("QUIT", server.Received);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.ExecuteAsync("NOOP", Token));
    }
}
