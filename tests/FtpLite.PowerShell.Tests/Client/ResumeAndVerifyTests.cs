using System.Diagnostics;
using System.Management.Automation;
using FtpLite.Client;
using FtpLite.PowerShell.Tests.Support;

namespace FtpLite.PowerShell.Tests.Client;

/// <summary>Receive-FtpLiteFile stopped with Ctrl+C and resumed; -Verify on both transfer cmdlets.</summary>
public class ResumeAndVerifyTests
{
    /// <summary>
    /// The remote file is a FIFO the test feeds (bounded), so the download is surely in the middle when Ctrl+C comes.
    /// The part stays, visible; -Resume continues it once the file is whole on the server.
    /// </summary>
    [Fact]
    public void Receive_CtrlCMidway_KeepsTheVisiblePart_AndResumeFinishesByteExact()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("Needs a FIFO (mkfifo).");
        using var bed = new ClientBed();
        var fifo = bed.RemotePath("stream.bin");
        using (var mkfifo = Process.Start("mkfifo", fifo)) Assert.True(mkfifo.WaitForExit(10_000) && mkfifo.ExitCode == 0);
        var content = new byte[2_000_000];
        new Random(51).NextBytes(content);
        var part = bed.LocalPath("stream.bin.ftplite-part");
        using var done = new ManualResetEventSlim();
        var feeder = new Thread(() => Feed(fifo, content, done)) { IsBackground = true };
        feeder.Start();
        try
        {
            using var running = bed.Session.Begin("Receive-FtpLiteFile /stream.bin");
            Assert.True(Poll.Until(() => File.Exists(part) && new FileInfo(part).Length >= 100_000, TimeSpan.FromSeconds(30)), "The download never got under way.");

            running.Stop(TimeSpan.FromSeconds(30));

            Assert.Equal(PSInvocationState.Stopped, running.State);
        }
        finally
        {
            done.Set();
            feeder.Join(TimeSpan.FromSeconds(10));
        }
        Assert.False(File.Exists(bed.LocalPath("stream.bin")));
        var kept = File.ReadAllBytes(part);
        Assert.InRange(kept.Length, 100_000, content.Length - 1);
        Assert.Equal(content.AsSpan(0, kept.Length).ToArray(), kept);

        File.Delete(fifo);
        File.WriteAllBytes(bed.RemotePath("stream.bin"), content);
        var resumed = bed.Run("Receive-FtpLiteFile /stream.bin -Resume");

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

        var sent = bed.Run($"Send-FtpLiteFile ./v.txt / {verify}");
        var received = bed.Run($"Receive-FtpLiteFile /v.txt -Destination ./back {verify}");

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

    /// <summary>
    /// Writes the first 112 KB at once, then 1 KB every 20 ms until released or the content runs out (after some 40 s):
    /// a download that is surely still running when it is stopped, and a server read that still sees the abort.
    /// </summary>
    private static void Feed(string fifo, byte[] content, ManualResetEventSlim done)
    {
        try
        {
            using var writer = new FileStream(fifo, FileMode.Open, FileAccess.Write);
            writer.Write(content, 0, 112 * 1024);
            writer.Flush();
            for (var offset = 112 * 1024; offset < content.Length && !done.IsSet; offset += 1024)
            {
                done.Wait(20);
                writer.Write(content, offset, Math.Min(1024, content.Length - offset));
                writer.Flush();
            }
        }
        catch (IOException)
        {
            // The server closed its end: the transfer was aborted.
        }
    }
}
