using FtpLite.Protocol.Hashing;
using System.Text;
using FtpLite.Client;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Client;

public class HashingTests
{
    [Theory]
    [InlineData(FtpHashAlgorithm.Crc32, "cbf43926")]
    [InlineData(FtpHashAlgorithm.Md5, "25f9e794323b453885f5181f1b624d0b")]
    [InlineData(FtpHashAlgorithm.Sha1, "f7c3bc1d808e04732adf679965ccc34ca7ae3441")]
    [InlineData(FtpHashAlgorithm.Sha256, "15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225")]
    public async Task HashFile_CheckValue123456789_MatchesPublishedValue(FtpHashAlgorithm algorithm, string expected)
    {
        using var folder = new TempFolder();
        var path = folder.Combine("check.txt");
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes("123456789"));

        var hash = await LocalFileHasher.HashFileAsync(path, algorithm, TestContext.Current.CancellationToken);

        Assert.Equal(expected, hash);
    }

    [Theory]
    [InlineData("644", "rw-r--r--")]
    [InlineData("0755", "rwxr-xr-x")]
    [InlineData("100600", "rw-------")]
    [InlineData("9", null)]
    [InlineData("", null)]
    public void UnixMode_ToSymbolic(string octal, string? expected)
    {
        Assert.Equal(expected, FtpLite.Client.Listing.UnixMode.ToSymbolic(octal));
    }
}
