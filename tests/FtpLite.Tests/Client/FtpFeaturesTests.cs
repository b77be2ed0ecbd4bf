using FtpLite.Protocol.Hashing;
using FtpLite.Client;
using FtpLite.Protocol;

namespace FtpLite.Tests.Client;

public class FtpFeaturesTests
{
    [Fact]
    public void Parse_PyftpdlibFeat_FindsFeaturesAndParameters()
    {
        var reply = new FtpReply(211, new[]
        {
            "Features supported:", " EPRT", " EPSV", " MDTM", " MLST type*;perm*;size*;modify*;", " REST STREAM", " SIZE", " UTF8", "End FEAT.",
        });

        var features = FtpFeatures.Parse(reply);

        Assert.True(features.Mlst);
        Assert.True(features.Size);
        Assert.True(features.Utf8);
        Assert.True(features.RestStream);
        Assert.Equal("type*;perm*;size*;modify*;", features.ParametersOf("mlst"));
        Assert.False(features.Supports("HASH"));
    }

    [Fact]
    public void Parse_RefusedFeat_NoFeatures()
    {
        var features = FtpFeatures.Parse(new FtpReply(502, "Command not implemented."));

        Assert.Empty(features.Names);
    }

    [Fact]
    public void HashFeature_StrongestFirstAndStarMarksSelection()
    {
        var (offered, selected) = FtpHashNames.ParseFeature("MD5;SHA-1*;SHA-256;CRC32;WHIRLPOOL");

        Assert.Equal(new[] { FtpHashAlgorithm.Sha256, FtpHashAlgorithm.Sha1, FtpHashAlgorithm.Md5, FtpHashAlgorithm.Crc32 }, offered);
        Assert.Equal(FtpHashAlgorithm.Sha1, selected);
    }

    [Fact]
    public void ParseHashReply_DraftForm_ReturnsLowerHex()
    {
        var reply = new FtpReply(213, "SHA-256 0-49 169CD22282DA7F147CB491E559E9DD hash name.txt");

        Assert.Equal("169cd22282da7f147cb491e559e9dd", FtpClient.ParseHashReply(reply, FtpHashAlgorithm.Sha256));
    }

    [Fact]
    public void ParseHashReply_OtherAlgorithm_ProtocolError()
    {
        var reply = new FtpReply(213, "MD5 0-49 0123abcd f");

        var e = Assert.Throws<FtpException>(() => FtpClient.ParseHashReply(reply, FtpHashAlgorithm.Sha256));

        Assert.Equal(FtpErrorKind.ProtocolError, e.Kind);
    }

    [Theory]
    [InlineData("\"/\" is the current directory.", "/")]
    [InlineData("\"/tmp/vs/root\" is the current directory", "/tmp/vs/root")]
    [InlineData("\"/a \"\"quoted\"\" dir\" created", "/a \"quoted\" dir")]
    [InlineData("no quotes", null)]
    public void ParseQuotedPath_Rfc959AppendixII(string message, string? expected)
    {
        Assert.Equal(expected, FtpClient.ParseQuotedPath(new FtpReply(257, message)));
    }
}
