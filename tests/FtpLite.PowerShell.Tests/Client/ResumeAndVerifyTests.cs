using System.Management.Automation;
using FtpLite.Client;
using FtpLite.PowerShell.Tests.Support;
using FtpLite.Tests.Client.Peers;

namespace FtpLite.PowerShell.Tests.Client;

/// <summary>Receive-FtpLiteFile stopped with Ctrl+C and resumed; -Verify on both transfer cmdlets.</summary>
public class ResumeAndVerifyTests
{
    /// <summary>
    /// The file first comes from a server that sends 100,000 bytes a second (pyftpdlib, throttled), so the download is
    /// surely in the middle when Ctrl+C comes. The part stays, visible; -Resume continues it from our server, which
    /// holds the same file.
    /// </summary>
    [Fact]
    public async Task Receive_CtrlCMidway_KeepsTheVisiblePart_AndResumeFinishesByteExact()
    {
        await using var slow = await PyFtpdLibServer.StartAsync(TestContext.Current.CancellationToken, sendLimit: 100_000);
        using var bed = new ClientBed();
        var content = new byte[2_000_000];
        new Random(51).NextBytes(content);
        File.WriteAllBytes(Path.Combine(slow.Root, "stream.bin"), content);
        var part = bed.LocalPath("stream.bin.ftplite-part");

        using (var running = bed.Session.Begin($"Receive-FtpLiteFile /stream.bin -Server 127.0.0.1 -Port {slow.Port}"))
        {
            Assert.True(Poll.Until(() => File.Exists(part) && new FileInfo(part).Length >= 100_000, TimeSpan.FromSeconds(30)), "The download never got under way.");

            running.Stop(TimeSpan.FromSeconds(30));

            Assert.Equal(PSInvocationState.Stopped, running.State);
        }
        Assert.False(File.Exists(bed.LocalPath("stream.bin")));
        var kept = File.ReadAllBytes(part);
        Assert.InRange(kept.Length, 100_000, content.Length - 1);
        Assert.Equal(content.AsSpan(0, kept.Length).ToArray(), kept);

        File.WriteAllBytes(bed.RemotePath("stream.bin"), content);
        var resumed = bed.Run("Receive-FtpLiteFile -PassThru /stream.bin -Resume");

        Assert.False(resumed.HadErrors, string.Join("; ", resumed.Errors));
        var result = Assert.Single(resumed.Output);
        Assert.Equal((long)kept.Length, result.Get<long>("ResumedFrom"));
        Assert.Equal((long)(content.Length - kept.Length), result.Get<long>("Bytes"));
        Assert.Equal(FtpVerification.Hash, result.Get<FtpVerification>("Verification"));
        Assert.Equal(content, File.ReadAllBytes(bed.LocalPath("stream.bin")));
        Assert.Equal(new[] { bed.LocalPath("stream.bin") }, Directory.GetFiles(bed.Local.Path));
    }

    [Theory]
    [InlineData("", "Hash")]
    [InlineData("-Verify Hash", "Hash")]
    [InlineData("-Verify Size", "Size")]
    [InlineData("-Verify None", "None")]
    public void Verify_EachChoice_TheResultSaysWhichCheckWasMade(string verify, string made)
    {
        using var bed = new ClientBed();
        bed.LocalFile("v.txt", "verify me");

        var sent = bed.Run($"Send-FtpLiteFile -PassThru ./v.txt / {verify}");
        var received = bed.Run($"Receive-FtpLiteFile -PassThru /v.txt -Destination ./back {verify}");

        Assert.False(sent.HadErrors || received.HadErrors, string.Join("; ", sent.Errors.Concat(received.Errors)));
        Assert.Equal(made, Assert.Single(sent.Output).Properties["Verification"].Value.ToString());
        Assert.Equal(made, Assert.Single(received.Output).Properties["Verification"].Value.ToString());
        Assert.Equal(made == "Hash" ? true : null, Assert.Single(received.Output).Properties["HashVerified"].Value);
    }

    [Fact]
    public void Verify_UnknownChoice_RefusedBeforeAnythingMoves()
    {
        using var bed = new ClientBed();
        bed.LocalFile("v.txt", "v");

        var error = bed.Session.RunExpectingTerminatingError("Send-FtpLiteFile ./v.txt / -Verify Md5");

        Assert.StartsWith("CannotConvertArgumentNoMessage", error.FullyQualifiedErrorId);
        Assert.False(File.Exists(bed.RemotePath("v.txt")));
    }
}
