using FtpLite.Cli.CommandLine;

namespace FtpLite.Tests.Cli;

public class ArgumentParserTests
{
    private static readonly OptionSpec[] Specs =
    [
        new("--port", "N", "port"),
        new("--root", "DIR", "root"),
        new("--anonymous", null, "flag"),
        new("--host", "HOST", "host", "-H"),
    ];

    [Fact]
    public void Parse_SpaceAndEqualsForms_BothGiveTheValue()
    {
        var parsed = ArgumentParser.Parse(["--port", "21", "--root=/srv/ftp=x", "--anonymous"], Specs);

        Assert.Equal("21", parsed.GetString("--port"));
        Assert.Equal("/srv/ftp=x", parsed.GetString("--root"));
        Assert.True(parsed.Has("--anonymous"));
        Assert.Empty(parsed.Positionals);
    }

    [Fact]
    public void Parse_DoubleDash_EndsTheOptions()
    {
        var parsed = ArgumentParser.Parse(["a", "--", "--port", "-h"], Specs);

        Assert.Equal(["a", "--port", "-h"], parsed.Positionals);
        Assert.False(parsed.Has("--port"));
        Assert.False(parsed.Has(ArgumentParser.HelpOption));
    }

    [Fact]
    public void Parse_Alias_IsTheLongOption_AndCountsAsItForRepeats()
    {
        var parsed = ArgumentParser.Parse(["-H", "ftp.example.org"], Specs);
        var twice = Assert.Throws<UsageException>(() => ArgumentParser.Parse(["-H", "a", "--host", "b"], Specs));

        Assert.Equal("ftp.example.org", parsed.GetString("--host"));
        Assert.Equal("--host is given twice", twice.Message);
        Assert.Equal("-H, --host HOST", Specs[3].Synopsis);
    }

    [Theory]
    [InlineData("unknown option '-x'", "-x")]
    [InlineData("unknown option '--nope'", "--nope")]
    [InlineData("--port is given twice", "--port", "1", "--port", "2")]
    [InlineData("--port needs a value (N)", "--port")]
    [InlineData("--anonymous takes no value", "--anonymous=yes")]
    public void Parse_Mistakes_AreUsageErrors(string message, params string[] args)
    {
        var error = Assert.Throws<UsageException>(() => ArgumentParser.Parse(args, Specs));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("21", 21)]
    [InlineData(null, 8080)]
    public void GetInt_InRangeOrDefault(string? text, int expected)
    {
        var parsed = ArgumentParser.Parse(text is null ? [] : ["--port", text], Specs);

        Assert.Equal(expected, parsed.GetInt("--port", 0, 65535, 8080));
    }

    [Theory]
    [InlineData("65536")]
    [InlineData("-1")]
    [InlineData("+5")]
    [InlineData("1e3")]
    [InlineData("")]
    public void GetInt_OutOfRangeOrNotANumber_IsAUsageError(string text)
    {
        var parsed = ArgumentParser.Parse(["--port", text], Specs);

        var error = Assert.Throws<UsageException>(() => parsed.GetInt("--port", 0, 65535, 8080));
        Assert.Contains($"'{text}'", error.Message);
    }
}
