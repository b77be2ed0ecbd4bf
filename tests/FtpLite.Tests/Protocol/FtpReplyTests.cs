using FtpLite.Protocol;

namespace FtpLite.Tests.Protocol;

public class FtpReplyTests
{
    [Fact]
    public void SingleLine_CodeSpaceText() => Assert.Equal("200 OK\r\n", new FtpReply(200, "OK").ToWireString());

    [Fact]
    public void MultiLine_DashOnAllButTheLast_SpaceLinesAsTheyAre() =>
        Assert.Equal("211-Features:\r\n EPSV\r\n211 End\r\n", new FtpReply(211, new[] { "Features:", " EPSV", "End" }).ToWireString());

    [Fact]
    public void MultiLine_InnerLineWithoutSpace_CarriesTheCode() =>
        Assert.Equal("214-a\r\n214-b\r\n214 c\r\n", new FtpReply(214, new[] { "a", "b", "c" }).ToWireString());

    [Fact]
    public void LineBreaksInText_CannotForgeAReply() =>
        Assert.Equal("550 evil  226 fake: no such file.\r\n", new FtpReply(550, "evil\r\n226 fake: no such file.").ToWireString());

    [Theory]
    [InlineData(150, true, false, false, false, false)]
    [InlineData(226, false, true, false, false, false)]
    [InlineData(350, false, false, true, false, false)]
    [InlineData(425, false, false, false, true, false)]
    [InlineData(550, false, false, false, false, true)]
    public void Classes(int code, bool preliminary, bool success, bool intermediate, bool transient, bool permanent)
    {
        var reply = new FtpReply(code, "x");
        Assert.Equal((preliminary, success, intermediate, transient, permanent),
            (reply.IsPreliminary, reply.IsSuccess, reply.IsIntermediate, reply.IsTransientFailure, reply.IsPermanentFailure));
    }

    [Fact]
    public void CodeOutOfRange_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => new FtpReply(42, "x"));
}
