using System.Net;
using FtpLite.Protocol;

namespace FtpLite.Tests.Protocol;

public class HostPortCodecTests
{
    [Fact]
    public void Port_RoundTrips()
    {
        var endPoint = new IPEndPoint(IPAddress.Parse("192.0.2.10"), 50123);
        Assert.Equal("192,0,2,10,195,203", HostPortCodec.FormatPort(endPoint));
        Assert.True(HostPortCodec.TryParsePort("192,0,2,10,195,203", out var parsed));
        Assert.Equal(endPoint, parsed);
    }

    [Theory]
    [InlineData("Entering Passive Mode (127,0,0,1,4,1).")]
    [InlineData("Entering Passive Mode 127,0,0,1,4,1")]
    [InlineData("=127,0,0,1,4,1")]
    public void PasvReply_FoundInAnyUsualForm(string message)
    {
        Assert.True(HostPortCodec.TryParsePasvReply(message, out var endPoint));
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 1025), endPoint);
    }

    [Theory]
    [InlineData("1,2,3,4,5")]
    [InlineData("1,2,3,4,5,6,7")]
    [InlineData("256,0,0,1,1,1")]
    [InlineData("1,2,3,4,0,0")]
    [InlineData("a,b,c,d,e,f")]
    public void Port_Malformed_Rejected(string text) => Assert.False(HostPortCodec.TryParsePort(text, out _));

    [Theory]
    [InlineData("|1|132.235.1.2|6275|", "132.235.1.2", 6275)]
    [InlineData("|2|1080::8:800:200C:417A|5282|", "1080::8:800:200C:417A", 5282)]
    [InlineData("!1!10.0.0.1!2000!", "10.0.0.1", 2000)]
    public void Eprt_Parses(string text, string address, int port)
    {
        Assert.True(HostPortCodec.TryParseExtendedPort(text, out var endPoint));
        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), endPoint);
    }

    [Theory]
    [InlineData("|2|10.0.0.1|2000|")]
    [InlineData("|1|10.0.0.1|0|")]
    [InlineData("|1|10.0.0.1|70000|")]
    [InlineData("|1|10.0.0.1|2000")]
    public void Eprt_Malformed_Rejected(string text) => Assert.False(HostPortCodec.TryParseExtendedPort(text, out _));

    [Fact]
    public void Epsv_RoundTrips()
    {
        Assert.True(HostPortCodec.TryParseEpsvReply(HostPortCodec.FormatEpsvReply(40001), out var port));
        Assert.Equal(40001, port);
    }

    [Fact]
    public void SameHost_SeesThroughIpv4MappedIpv6() =>
        Assert.True(HostPortCodec.SameHost(IPAddress.Parse("::ffff:127.0.0.1"), IPAddress.Loopback));
}
