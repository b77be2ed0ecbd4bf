using FtpLite.Client;
using FtpLite.Protocol;

namespace FtpLite.Tests.Client;

public class FtpExceptionTests
{
    [Theory]
    [InlineData(550, "No such file or directory.", true, FtpErrorKind.NotFound)]
    [InlineData(550, "Failed to open file.", true, FtpErrorKind.NotFound)]
    [InlineData(550, "Permission denied.", true, FtpErrorKind.PermissionDenied)]
    [InlineData(553, "Could not create file.", true, FtpErrorKind.PermissionDenied)]
    [InlineData(550, "Requested action not taken.", false, FtpErrorKind.CommandFailed)]
    [InlineData(530, "Login incorrect.", false, FtpErrorKind.LoginFailed)]
    [InlineData(502, "Command not implemented.", true, FtpErrorKind.NotSupported)]
    [InlineData(421, "Timeout.", false, FtpErrorKind.ConnectionLost)]
    [InlineData(451, "Local error.", true, FtpErrorKind.CommandFailed)]
    public void FromReply_ChoosesKind(int code, string text, bool namesPath, FtpErrorKind expected)
    {
        var e = FtpException.FromReply("X", new FtpReply(code, text), namesPath);

        Assert.Equal(expected, e.Kind);
        Assert.Equal(code, e.Code);
    }

    [Theory]
    [InlineData(450, true)]
    [InlineData(451, true)]
    [InlineData(550, false)]
    [InlineData(553, false)]
    public void IsTransient_FourHundredsOnly(int code, bool transient)
    {
        Assert.Equal(transient, FtpException.FromReply("X", new FtpReply(code, "x"), true).IsTransient);
    }

    [Fact]
    public void IsTransient_TimeoutWithoutReply_True()
    {
        Assert.True(new FtpException(FtpErrorKind.Timeout, "slow").IsTransient);
        Assert.False(new FtpException(FtpErrorKind.HashMismatch, "bad").IsTransient);
    }
}
