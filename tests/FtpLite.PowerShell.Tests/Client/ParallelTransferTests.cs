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
        var result = bed.Run("$args[0] | Send-FtpLiteFile -PassThru -Destination /up -ThrottleLimit 8", (object)order.ToArray());

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
        var result = bed.Run("Receive-FtpLiteFile -PassThru -Path $args[0] -Destination ./down -ThrottleLimit 8 -Server $server", (object)order.ToArray());

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
        var merged = bed.Run("Send-FtpLiteFile -PassThru -LiteralPath $args[0] -ThrottleLimit 4 2>&1", (object)names).Output;

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

        var result = bed.Run("Send-FtpLiteFile -PassThru -LiteralPath a/x.txt, b/x.txt -Destination /d -ThrottleLimit 2");

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

        var up = bed.Run("Send-FtpLiteFile -PassThru -LiteralPath $args[0] -Destination /tls -ThrottleLimit 4", (object)names);
        var down = bed.Run("Receive-FtpLiteFile -PassThru /tls/* -Destination ./back -ThrottleLimit 4");

        Assert.False(up.HadErrors || down.HadErrors, string.Join("; ", up.Errors.Concat(down.Errors).Select(e => e.ToString())));
        Assert.Equal(30, down.Output.Count);
        foreach (var name in names) Assert.Equal(File.ReadAllBytes(bed.LocalPath(name)), File.ReadAllBytes(bed.LocalPath("back/" + name)));
    }

    /// <summary>
    /// Ctrl+C with a pool at work. The source is pyftpdlib sending each data connection at 128 KiB/s, and the first
    /// file is 16 MiB (two minutes or so), so one worker is surely still busy when the others have fetched every small
    /// file: that proves the sessions ran side by side. The stop then cancels every worker and leaves no partial
    /// target: only the interrupted file's visible part, for -Resume.
    /// </summary>
    [Fact]
    public void CtrlC_StopsEveryWorker_AndLeavesNoPartialTarget()
    {
        using var peer = PyFtpdLib.Start(sendLimitBytesPerSecond: 128 * 1024);
        using (var big = File.Create(Path.Combine(peer.Root.Path, "a-stream.bin"))) big.SetLength(16L << 20);
        for (var i = 0; i < 20; i++) File.WriteAllText(Path.Combine(peer.Root.Path, $"b{i:00}.txt"), "small " + i);
        using var local = new TempFolder();
        using var session = PowerShellSession.Start();
        session.Run("$ExecutionContext.SessionState.Path.SetLocation($args[0]) | Out-Null", local.Path);
        var got = Path.Combine(local.Path, "got");

        using var running = session.Begin(
            "Receive-FtpLiteFile -PassThru /a-stream.bin, /b*.txt -Destination ./got -ThrottleLimit 4 -Server 127.0.0.1 -Port $args[0]", peer.Port);
        Assert.True(Poll.Until(() => Enumerable.Range(0, 20).All(i => File.Exists(Path.Combine(got, $"b{i:00}.txt"))), TimeSpan.FromSeconds(30)),
            "The other sessions did not fetch the small files while the stream ran.\n" + peer.Log);
        Assert.False(running.IsCompleted); // The stream is still coming: the small files went over other sessions meanwhile.

        running.Stop(TimeSpan.FromSeconds(30)); // Far sooner than the big download would end by itself.

        Assert.Equal(PSInvocationState.Stopped, running.State);
        Assert.False(File.Exists(Path.Combine(got, "a-stream.bin")));
        var left = Directory.GetFiles(got, "*", SearchOption.AllDirectories);
        Assert.Equal(21, left.Length); // The 20 files and one visible part; no hidden leftover.
        Assert.Contains(Path.Combine(got, "a-stream.bin.ftplite-part"), left);
        // Every session of the pool was closed (one-shot -Server: none is kept), and the server saw the big download
        // cut short, not finished.
        Assert.True(Poll.Until(() => peer.OpenSessions == 0, TimeSpan.FromSeconds(30)), "The pool's sessions were not closed:\n" + peer.Log);
        Assert.Matches(@"RETR .*/a-stream\.bin completed=0 ", peer.Log);
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
}
