using FtpLite.Protocol;

namespace FtpLite.Tests.Protocol;

public class VirtualPathTests
{
    [Theory]
    [InlineData("/", "a", "/a")]
    [InlineData("/a", "b/c", "/a/b/c")]
    [InlineData("/a/b", "..", "/a")]
    [InlineData("/a", "../../../..", "/")]
    [InlineData("/a", "/x/./y/../z", "/x/z")]
    [InlineData("/a", "//x///y/", "/x/y")]
    [InlineData("/a", ".", "/a")]
    [InlineData("/", "...", "/...")]
    [InlineData("/", "%2e%2e", "/%2e%2e")]
    public void Resolve_Normalises_NeverAboveTheRoot(string current, string argument, string expected) =>
        Assert.Equal(expected, VirtualPath.Resolve(current, argument));

    [Theory]
    [InlineData("..\\..\\etc")]
    [InlineData("a\0b")]
    [InlineData("a\u0001b")]
    public void Resolve_RefusesWhatNoNameMayHold(string argument) => Assert.Null(VirtualPath.Resolve("/", argument));

    [Fact]
    public void ParentNameQuote()
    {
        Assert.Equal("/a", VirtualPath.Parent("/a/b"));
        Assert.Equal("/", VirtualPath.Parent("/a"));
        Assert.Equal("b", VirtualPath.Name("/a/b"));
        Assert.Equal("\"/say \"\"hi\"\"\"", VirtualPath.Quote("/say \"hi\""));
    }
}
