using System.Text;
using FtpLite.Client;

namespace FtpLite.Tests.Client;

public class FtpReplyReaderTests
{
    private static FtpReplyReader ReaderOf(string wire, int maxLine = 1024, bool oneByte = true)
    {
        var bytes = Encoding.UTF8.GetBytes(wire);
        return new FtpReplyReader(oneByte ? new OneByteAtATimeStream(bytes) : new MemoryStream(bytes), maxLine);
    }

    [Fact]
    public async Task ReadReply_SingleLineOneByteAtATime_ReadsCodeAndText()
    {
        var reader = ReaderOf("220 Service ready\r\n");

        var reply = await reader.ReadReplyAsync(TestContext.Current.CancellationToken);

        Assert.Equal(220, reply.Code);
        Assert.Equal("Service ready", reply.Message);
    }

    [Fact]
    public async Task ReadReply_MultiLineFeat_KeepsInnerLinesAndEndsAtCodeSpace()
    {
        var reader = ReaderOf("211-Features:\r\n EPSV\r\n MLST type*;size*;\r\n211 End\r\n200 next\r\n");

        var feat = await reader.ReadReplyAsync(TestContext.Current.CancellationToken);
        var next = await reader.ReadReplyAsync(TestContext.Current.CancellationToken);

        Assert.Equal(211, feat.Code);
        Assert.Equal(new[] { "Features:", " EPSV", " MLST type*;size*;", "End" }, feat.Lines);
        Assert.Equal(200, next.Code);
    }

    [Fact]
    public async Task ReadReply_InnerLineStartingWithOtherCode_DoesNotEndReply()
    {
        // RFC 959 4.2: only the same code followed by a space ends a multi-line reply.
        var reader = ReaderOf("230-Welcome\r\n230-rules:\r\n220 this is text, not the end\r\n230 Logged in\r\n");

        var reply = await reader.ReadReplyAsync(TestContext.Current.CancellationToken);

        Assert.Equal(230, reply.Code);
        Assert.Equal(new[] { "Welcome", "rules:", "220 this is text, not the end", "Logged in" }, reply.Lines);
        Assert.Equal("Logged in", reply.Message);
    }

    [Fact]
    public async Task ReadReply_BareLineFeeds_Accepted()
    {
        var reader = ReaderOf("250-a\n250 b\n");

        var reply = await reader.ReadReplyAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new[] { "a", "b" }, reply.Lines);
    }

    [Fact]
    public async Task ReadReply_CodeOnly_EmptyMessage()
    {
        var reader = ReaderOf("200\r\n");

        var reply = await reader.ReadReplyAsync(TestContext.Current.CancellationToken);

        Assert.Equal(200, reply.Code);
        Assert.Equal(string.Empty, reply.Message);
    }

    [Fact]
    public async Task ReadReply_Utf8Name_Decoded()
    {
        var reader = ReaderOf("257 \"/Müller/日本\" created\r\n");

        var reply = await reader.ReadReplyAsync(TestContext.Current.CancellationToken);

        Assert.Equal("\"/Müller/日本\" created", reply.Message);
    }

    [Fact]
    public async Task ReadReply_LineLongerThanLimit_ProtocolError()
    {
        var reader = ReaderOf("200 " + new string('x', 5000) + "\r\n", maxLine: 1024, oneByte: false);

        var e = await Assert.ThrowsAsync<FtpException>(() => reader.ReadReplyAsync(TestContext.Current.CancellationToken));

        Assert.Equal(FtpErrorKind.ProtocolError, e.Kind);
    }

    [Fact]
    public async Task ReadReply_LineExactlyAtLimit_Accepted()
    {
        var text = new string('y', 1020);
        var reader = ReaderOf("200 " + text + "\r\n", maxLine: 1024, oneByte: false);

        var reply = await reader.ReadReplyAsync(TestContext.Current.CancellationToken);

        Assert.Equal(text, reply.Message);
    }

    [Theory]
    [InlineData("hello\r\n")]
    [InlineData("20 short\r\n")]
    [InlineData("2000 four digits\r\n")]
    [InlineData("099 below range\r\n")]
    public async Task ReadReply_NotAReply_ProtocolError(string wire)
    {
        var reader = ReaderOf(wire);

        var e = await Assert.ThrowsAsync<FtpException>(() => reader.ReadReplyAsync(TestContext.Current.CancellationToken));

        Assert.Equal(FtpErrorKind.ProtocolError, e.Kind);
    }

    [Fact]
    public async Task ReadReply_StreamEndsMidReply_ConnectionLost()
    {
        var reader = ReaderOf("211-Features:\r\n EPSV\r\n");

        var e = await Assert.ThrowsAsync<FtpException>(() => reader.ReadReplyAsync(TestContext.Current.CancellationToken));

        Assert.Equal(FtpErrorKind.ConnectionLost, e.Kind);
    }

    [Fact]
    public async Task HasBufferedData_AfterTwoRepliesInOneRead_TrueUntilSecondIsRead()
    {
        var reader = ReaderOf("200 one\r\n421 closing\r\n", oneByte: false);

        await reader.ReadReplyAsync(TestContext.Current.CancellationToken);
        Assert.True(reader.HasBufferedData);
        var second = await reader.ReadReplyAsync(TestContext.Current.CancellationToken);

        Assert.Equal(421, second.Code);
        Assert.False(reader.HasBufferedData);
    }
}
