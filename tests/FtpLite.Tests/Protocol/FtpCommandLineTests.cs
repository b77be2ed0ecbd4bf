using FtpLite.Protocol;

namespace FtpLite.Tests.Protocol;

public class FtpCommandLineTests
{
    [Theory]
    [InlineData("retr file.txt", "RETR", "file.txt")]
    [InlineData("STOR name with  spaces.txt", "STOR", "name with  spaces.txt")]
    [InlineData("PWD", "PWD", "")]
    [InlineData("CWD ", "CWD", "")]
    [InlineData("PASS  leading space", "PASS", " leading space")]
    public void Parses_VerbUpperCased_ArgumentVerbatim(string line, string verb, string argument)
    {
        Assert.True(FtpCommandLine.TryParse(line, out var command));
        Assert.Equal(verb, command.Verb);
        Assert.Equal(argument, command.Argument);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" RETR x")]
    [InlineData("RE1R x")]
    [InlineData("VERYLONGVERB x")]
    [InlineData("ÜBER x")]
    public void Rejects_LinesWithoutAVerb(string line) => Assert.False(FtpCommandLine.TryParse(line, out _));

    [Fact]
    public void ToString_HidesThePassword()
    {
        FtpCommandLine.TryParse("PASS hunter2", out var command);
        Assert.Equal("PASS ****", command.ToString());
    }
}
