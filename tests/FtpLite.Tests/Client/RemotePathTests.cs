using FtpLite.Client;

namespace FtpLite.Tests.Client;

public class RemotePathTests
{
    [Theory]
    [InlineData("/", "a", "/a")]
    [InlineData("/pub", "a b.txt", "/pub/a b.txt")]
    [InlineData("/pub/", "a", "/pub/a")]
    [InlineData("/pub", "/abs", "/abs")]
    [InlineData("/pub", "", "/pub")]
    public void Combine_JoinsWithOneSlash(string directory, string name, string expected)
    {
        Assert.Equal(expected, RemotePath.Combine(directory, name));
    }

    [Theory]
    [InlineData("/home", "file", "/home/file")]
    [InlineData("/home", "../etc/./x", "/etc/x")]
    [InlineData("/", "../../x", "/x")]
    [InlineData("/a", "/b//c/", "/b/c")]
    [InlineData("/a", ".", "/a")]
    [InlineData("/a/b", "..", "/a")]
    [InlineData("relative", "x", "/relative/x")]
    public void Resolve_MakesAbsoluteAndNormal(string workingDirectory, string path, string expected)
    {
        Assert.Equal(expected, RemotePath.Resolve(workingDirectory, path));
    }

    [Theory]
    [InlineData("/a/b", "b")]
    [InlineData("/a/b/", "b")]
    [InlineData("name", "name")]
    [InlineData("/", "")]
    public void GetFileName_LastSegment(string path, string expected)
    {
        Assert.Equal(expected, RemotePath.GetFileName(path));
    }

    [Theory]
    [InlineData("/a/b", "/a")]
    [InlineData("/a", "/")]
    [InlineData("/a/b/", "/a")]
    [InlineData("/", null)]
    [InlineData("name", null)]
    public void GetDirectoryName_Parent(string path, string? expected)
    {
        Assert.Equal(expected, RemotePath.GetDirectoryName(path));
    }
}
