using System.Diagnostics;
using System.Management.Automation;
using FtpLite.PowerShell.Tests.Support;

namespace FtpLite.PowerShell.Tests.Client;

/// <summary>Send-FtpLiteFile and Receive-FtpLiteFile with -ThrottleLimit: a pool of sessions, output in input order.</summary>
public class ParallelTransferTests
{
    private const int Files = 200;

    [Fact]
    public void Upload_200Files_ThrottleLimit8_ByteExact_InInputOrder_OverEightSessions()
    {
        using var bed = new ClientBed();
        var contents = new Dictionary<string, byte[]>();
        var paths = new List<string>();
        for (var i = 0; i < Files; i++)
        {
            var name = $"f{i:000}.bin";
            contents[name] = FtpsTests.RandomBytes(100 + (i * 37 % 5000), seed: i);
            var path = bed.LocalPath("src/" + name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, contents[name]);
            paths.Add(path);
        }
        var order = Shuffle(paths, seed: 7);
        var sessionsBefore = bed.Server.Get<long>("TotalSessions");

        // Piped: the input is collected, then sent when it ends.
        var result = bed.Run("$args[0] | Send-FtpLiteFile -Destination /up -ThrottleLimit 8", (object)order.ToArray());

        Assert.False(result.HadErrors, string.Join("; ", result.Errors.Select(e => e.ToString())));
        Assert.Equal(order, result.Output.Select(o => o.Get<string>("LocalPath")));
        foreach (var (name, bytes) in contents) Assert.Equal(bytes, File.ReadAllBytes(bed.RemotePath("up/" + name)));
        // The default session is one of the eight; seven more came and went.
        Assert.Equal(sessionsBefore + 7, bed.Server.Get<long>("TotalSessions"));
        Assert.True(Poll.Until(() => bed.Server.Get<long>("ActiveSessions") == 1, TimeSpan.FromSeconds(20)), "The pool's sessions were not closed.");
    }

    [Fact]
    public void Download_200Files_ThrottleLimit8_ByteExact_InInputOrder_WithAggregatedProgress()
    {
        using var bed = new ClientBed(connect: false);
        var contents = new Dictionary<string, byte[]>();
        for (var i = 0; i < Files; i++)
        {
            var name = $"g{i:000}.bin";
            contents[name] = FtpsTests.RandomBytes(50 + (i * 53 % 7000), seed: 1000 + i);
            var path = bed.RemotePath("pub/" + name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, contents[name]);
        }
        var order = Shuffle(contents.Keys.Select(n => "/pub/" + n).ToList(), seed: 3);
        var sessionsBefore = bed.Server.Get<long>("TotalSessions");

        // One-shot: the command's own connection is one of the eight.
        var result = bed.Run("Receive-FtpLiteFile -Path $args[0] -Destination ./down -ThrottleLimit 8 -Server $server", (object)order.ToArray());

        Assert.False(result.HadErrors, string.Join("; ", result.Errors.Select(e => e.ToString())));
        Assert.Equal(order, result.Output.Select(o => o.Get<string>("RemotePath")));
        foreach (var (name, bytes) in contents) Assert.Equal(bytes, File.ReadAllBytes(bed.LocalPath("down/" + name)));
        Assert.Equal(sessionsBefore + 8, bed.Server.Get<long>("TotalSessions"));
        Assert.Contains(result.Progress, p => p.StatusDescription.Contains($"of {Files} files", StringComparison.Ordinal));
        Assert.Equal(ProgressRecordType.Completed, result.Progress[^1].RecordType);
    }

    [Fact]
    public void FailingFileInTheMiddle_IsOneErrorInItsPlace_AndTheRestGoOn()
    {
        using var bed = new ClientBed();
        var names = Enumerable.Range(0, 9).Select(i => $"m{i}.txt").ToArray();
        foreach (var name in names) bed.LocalFile(name, "new " + name);
        bed.RemoteFile("m4.txt", "old"); // Exists: refused without -Force.

        // 2>&1 merges the streams in the order they were written.
        var merged = bed.Run("Send-FtpLiteFile -LiteralPath $args[0] -ThrottleLimit 4 2>&1", (object)names).Output;

        Assert.Equal(9, merged.Count);
        for (var i = 0; i < 9; i++)
        {
            if (i == 4)
            {
                var error = Assert.IsType<ErrorRecord>(merged[i].BaseObject);
                Assert.Equal("FtpLite.TargetExists", ScriptResult.ErrorIdOf(error));
            }
            else
            {
                Assert.EndsWith(names[i], merged[i].Get<string>("LocalPath"), StringComparison.Ordinal);
            }
        }
        Assert.Equal("old", File.ReadAllText(bed.RemotePath("m4.txt")));
        Assert.Equal("new m8.txt", File.ReadAllText(bed.RemotePath("m8.txt")));
    }

    [Fact]
    public void FailingDownload_UnderErrorActionStop_EndsTheCommand()
    {
        using var bed = new ClientBed();
        for (var i = 0; i < 6; i++) bed.RemoteFile($"s{i}.txt", "remote");
        bed.LocalFile("down/s1.txt", "local"); // Exists: refused without -Force.

        var error = bed.Session.RunExpectingTerminatingError(
            "Receive-FtpLiteFile /s*.txt -Destination ./down -ThrottleLimit 3 -ErrorAction Stop");

        Assert.Equal("FtpLite.TargetExists", ScriptResult.ErrorIdOf(error));
        Assert.Equal("local", File.ReadAllText(bed.LocalPath("down/s1.txt")));
        // The session is still usable, and the pool is gone.
        Assert.Equal(6, bed.Run("Get-FtpLiteListing /").Output.Count);
        Assert.True(Poll.Until(() => bed.Server.Get<long>("ActiveSessions") == 1, TimeSpan.FromSeconds(20)), "The pool's sessions were not closed.");
    }

    [Fact]
    public void TwoFilesForOneTarget_TheLaterIsRefusedInItsPlace()
    {
        using var bed = new ClientBed();
        bed.LocalFile("a/x.txt", "from a");
        bed.LocalFile("b/x.txt", "from b");

        var result = bed.Run("Send-FtpLiteFile -LiteralPath a/x.txt, b/x.txt -Destination /d -ThrottleLimit 2");

        Assert.Equal(["FtpLite.TargetExists"], result.ErrorIds);
        Assert.Single(result.Output);
        Assert.Equal("from a", File.ReadAllText(bed.RemotePath("d/x.txt")));
    }

    [Fact]
    public void WhatIf_WithThrottleLimit_ChangesNothing()
    {
        using var bed = new ClientBed();
        bed.LocalFile("a.txt", "a");
        bed.LocalFile("b.txt", "b");
        var sessionsBefore = bed.Server.Get<long>("TotalSessions");

        var result = bed.Run("Send-FtpLiteFile a.txt, b.txt -ThrottleLimit 4 -WhatIf");

        Assert.Empty(result.Output);
        Assert.Empty(Directory.GetFileSystemEntries(bed.Remote.Path));
        Assert.Equal(sessionsBefore, bed.Server.Get<long>("TotalSessions"));
    }

    [Fact]
    public void OverExplicitFtps_ThePoolConnectsWithTheSessionsOptions()
    {
        using var bed = new ClientBed(connect: false, serverArguments: "-Certificate (New-FtpLiteCertificate -HostName localhost) -RequireTls");
        var names = Enumerable.Range(0, 30).Select(i => $"t{i:00}.bin").ToArray();
        foreach (var name in names) File.WriteAllBytes(bed.LocalPath(name), FtpsTests.RandomBytes(4000, seed: name.GetHashCode(StringComparison.Ordinal)));
        bed.Run("Connect-FtpLite $server -Encryption Explicit -CertificateThumbprint $server.CertificateThumbprintSha256 | Out-Null");

        var up = bed.Run("Send-FtpLiteFile -LiteralPath $args[0] -Destination /tls -ThrottleLimit 4", (object)names);
        var down = bed.Run("Receive-FtpLiteFile /tls/* -Destination ./back -ThrottleLimit 4");

        Assert.False(up.HadErrors || down.HadErrors, string.Join("; ", up.Errors.Concat(down.Errors).Select(e => e.ToString())));
        Assert.Equal(30, down.Output.Count);
        foreach (var name in names) Assert.Equal(File.ReadAllBytes(bed.LocalPath(name)), File.ReadAllBytes(bed.LocalPath("back/" + name)));
    }

    /// <summary>
    /// Ctrl+C with a pool at work. The first file is a FIFO the test feeds slowly (bounded), so one worker is surely
    /// still busy when the others have fetched every other file: that proves the sessions ran side by side. The stop
    /// then cancels every worker and leaves no partial file.
    /// </summary>
    [Fact(Skip = "FtpLite no longer serves FIFOs (issue 11: only regular files; RETR of one is 550). This test fed its endless download through one; it needs another slow source.")]
    public void CtrlC_StopsEveryWorker_AndLeavesNoPartialFile()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("Needs a FIFO (mkfifo).");
        using var bed = new ClientBed();
        var fifo = bed.RemotePath("a-stream.bin");
        using (var mkfifo = Process.Start("mkfifo", fifo)) Assert.True(mkfifo.WaitForExit(10_000) && mkfifo.ExitCode == 0);
        for (var i = 0; i < 20; i++) bed.RemoteFile($"b{i:00}.txt", "small " + i);

        var done = new ManualResetEventSlim();
        var feeder = new Thread(() => Feed(fifo, done)) { IsBackground = true };
        feeder.Start();
        try
        {
            using var running = bed.Session.Begin("Receive-FtpLiteFile /a-stream.bin, /b*.txt -Destination ./got -ThrottleLimit 4");
            Assert.True(Poll.Until(() => Enumerable.Range(0, 20).All(i => File.Exists(bed.LocalPath($"got/b{i:00}.txt"))), TimeSpan.FromSeconds(30)),
                "The other sessions did not fetch the small files while the stream ran.");
            Assert.False(running.IsCompleted); // The stream is still coming: the small files went over other sessions meanwhile.

            running.Stop(TimeSpan.FromSeconds(30));

            Assert.Equal(PSInvocationState.Stopped, running.State);
            Assert.False(File.Exists(bed.LocalPath("got/a-stream.bin")));
            Assert.Equal(20, Directory.GetFiles(bed.LocalPath("got"), "*", SearchOption.AllDirectories).Length); // No hidden part file.
            Assert.True(Poll.Until(() => bed.Server.Get<long>("ActiveSessions") <= 1, TimeSpan.FromSeconds(30)), "The pool's sessions were not closed.");
        }
        finally
        {
            done.Set();
            feeder.Join(TimeSpan.FromSeconds(10));
        }
    }

    private static List<string> Shuffle(List<string> items, int seed)
    {
        var random = new Random(seed);
        var copy = items.ToList();
        for (var i = copy.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }
        return copy;
    }

    private static void Feed(string fifo, ManualResetEventSlim done)
    {
        try
        {
            using var writer = new FileStream(fifo, FileMode.Open, FileAccess.Write);
            var chunk = new byte[16 * 1024];
            for (var i = 0; i < 3000 && !done.IsSet; i++)
            {
                writer.Write(chunk);
                writer.Flush();
                done.Wait(20);
            }
        }
        catch (IOException)
        {
            // The server closed its end: the transfer was aborted.
        }
    }
}
