using FtpLite.Client;

namespace FtpLite.Tests.Client.Tls;

public sealed class TlsSessionNamesTests
{
    [Fact]
    public void LiveClients_GetDistinctSpellings_OfTheSameName_AndAFreedOneIsReused()
    {
        var host = "names-" + Guid.NewGuid().ToString("N") + ".example";
        using var first = TlsSessionNames.Acquire(host);
        var second = TlsSessionNames.Acquire(host);
        using var third = TlsSessionNames.Acquire(host);

        Assert.Equal(host, first.Name);
        Assert.Equal(3, new[] { first.Name, second.Name, third.Name }.Distinct(StringComparer.Ordinal).Count());
        Assert.All(new[] { second.Name, third.Name }, name => Assert.Equal(host, name, ignoreCase: true));

        var freed = second.Name;
        second.Dispose();
        using var fourth = TlsSessionNames.Acquire(host);
        Assert.Equal(freed, fourth.Name);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void IpAddresses_AreLeftAsTheyAre(string address)
    {
        using var first = TlsSessionNames.Acquire(address);
        using var second = TlsSessionNames.Acquire(address);
        Assert.Equal(address, first.Name);
        Assert.Equal(address, second.Name);
    }
}
