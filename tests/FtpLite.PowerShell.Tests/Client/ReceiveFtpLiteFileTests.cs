using System.Management.Automation;
using FtpLite.PowerShell.Tests.Support;

namespace FtpLite.PowerShell.Tests.Client;

public class ReceiveFtpLiteFileTests
{
    [Fact]
    public void ListingFilteredByLength_PipesIntoReceive()
    {
        using var bed = new ClientBed();
        bed.RemoteFile("logs/big.log", new string('b', 3000));
        bed.RemoteFile("logs/small.log", "s");

        var results = bed.Run("Get-FtpLiteListing /logs | Where-Object Length -gt 1KB | Receive-FtpLiteFile -PassThru -Destination ./logs").Output;

        var result = Assert.Single(results);
        Assert.Equal("/logs/big.log", result.Get<string>("RemotePath"));
        Assert.Equal(3000L, result.Get<long>("Bytes"));
        Assert.Equal(3000, new FileInfo(bed.LocalPath("logs/big.log")).Length);
        Assert.False(File.Exists(bed.LocalPath("logs/small.log")));
    }

    [Fact]
    public void RemoteWildcard_IsExpandedByListingTheParent()
    {
        using var bed = new ClientBed();
        bed.RemoteFile("in/a.csv", "a");
        bed.RemoteFile("in/b.csv", "b");
        bed.RemoteFile("in/c.txt", "c");

        var results = bed.Run("Receive-FtpLiteFile -PassThru /in/*.csv").Output;

        Assert.Equal(["/in/a.csv", "/in/b.csv"], results.Select(r => r.Get<string>("RemotePath")));
        Assert.False(File.Exists(bed.LocalPath("c.txt")));
    }

    [Fact]
    public void Recurse_DownloadsTheFolderKeepingTheTree()
    {
        using var bed = new ClientBed();
        bed.RemoteFile("data/top.txt", "t");
        bed.RemoteFile("data/x/y/deep.txt", "d");
        Directory.CreateDirectory(bed.RemotePath("data/empty"));

        var results = bed.Run("Receive-FtpLiteFile -PassThru /data -Destination ./copy -Recurse").Output;

        Assert.Equal(2, results.Count);
        Assert.Equal("t", File.ReadAllText(bed.LocalPath("copy/data/top.txt")));
        Assert.Equal("d", File.ReadAllText(bed.LocalPath("copy/data/x/y/deep.txt")));
        Assert.True(Directory.Exists(bed.LocalPath("copy/data/empty")));
    }

    [Fact]
    public void WhatIf_ChangesNothing()
    {
        using var bed = new ClientBed();
        bed.RemoteFile("data/a.txt", "a");

        var result = bed.Run("Receive-FtpLiteFile /data -Destination ./copy -Recurse -WhatIf");

        Assert.False(result.HadErrors);
        Assert.Empty(Directory.GetFileSystemEntries(bed.Local.Path));
        Assert.Contains("a.txt", bed.Session.UI.Text);
    }

    [Fact]
    public void ExistingTarget_IsATargetExistsError_AndForceReplacesIt()
    {
        using var bed = new ClientBed();
        bed.RemoteFile("a.txt", "new");
        bed.LocalFile("a.txt", "old");

        var refused = bed.Run("Receive-FtpLiteFile -PassThru a.txt");
        Assert.Equal(["FtpLite.TargetExists"], refused.ErrorIds);
        Assert.Equal(ErrorCategory.ResourceExists, refused.Errors[0].CategoryInfo.Category);
        Assert.Equal("old", File.ReadAllText(bed.LocalPath("a.txt")));

        bed.Run("Receive-FtpLiteFile -PassThru a.txt -Force");
        Assert.Equal("new", File.ReadAllText(bed.LocalPath("a.txt")));
    }

    [Fact]
    public void Resume_FetchesOnlyWhatTheLocalFileLacks()
    {
        using var bed = new ClientBed();
        var content = new string('r', 4000) + new string('s', 4000);
        bed.RemoteFile("big.bin", content);
        bed.LocalFile("big.bin", content.Substring(0, 4000));

        var result = bed.Run("Receive-FtpLiteFile -PassThru big.bin -Resume -Verbose");

        var transfer = result.Single();
        Assert.Equal(4000L, transfer.Get<long>("ResumedFrom"));
        Assert.Equal(4000L, transfer.Get<long>("Bytes"));
        Assert.Equal(content, File.ReadAllText(bed.LocalPath("big.bin")));
        Assert.Contains(result.Verbose, v => v.Contains("Resumed", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingRemoteFile_IsARemoteItemNotFoundError_AndTheRestArrive()
    {
        using var bed = new ClientBed();
        bed.RemoteFile("a.txt", "a");
        bed.RemoteFile("c.txt", "c");

        var result = bed.Run("'a.txt', 'missing.txt', 'c.txt' | Receive-FtpLiteFile -PassThru");

        Assert.Equal(["FtpLite.RemoteItemNotFound"], result.ErrorIds);
        Assert.Equal(ErrorCategory.ObjectNotFound, result.Errors[0].CategoryInfo.Category);
        Assert.Equal(2, result.Output.Count);
        Assert.True(File.Exists(bed.LocalPath("c.txt")));
    }

    [Fact]
    public void ErrorActionStop_MakesAMissingFileTerminating()
    {
        using var bed = new ClientBed();

        var error = bed.Session.RunExpectingTerminatingError("Receive-FtpLiteFile -PassThru missing.txt -ErrorAction Stop");

        Assert.Equal("FtpLite.RemoteItemNotFound", ScriptResult.ErrorIdOf(error));
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public void Progress_IsWritten_AndNoneUnderSilentlyContinue()
    {
        using var bed = new ClientBed();
        bed.RemoteFile("a.bin", new string('p', 300_000));

        var shown = bed.Run("Receive-FtpLiteFile -PassThru a.bin -Destination ./shown");
        var silent = bed.Run("$ProgressPreference = 'SilentlyContinue'; Receive-FtpLiteFile -PassThru a.bin -Destination ./silent");

        Assert.NotEmpty(shown.Progress);
        Assert.Equal(ProgressRecordType.Completed, shown.Progress[^1].RecordType);
        Assert.Empty(silent.Progress);
        Assert.Single(silent.Output);
    }

    /// <summary>
    /// Ctrl+C mid-download. The source is pyftpdlib sending at 128 KiB/s: a real, bounded 16 MiB file that takes two
    /// minutes or so, so the transfer is surely running, and surely unfinished, when the stop comes.
    /// </summary>
    [Fact]
    public void CtrlC_MidTransfer_StopsAndLeavesNoPartialTarget()
    {
        using var peer = PyFtpdLib.Start(sendLimitBytesPerSecond: 128 * 1024);
        using (var big = File.Create(Path.Combine(peer.Root.Path, "stream.bin"))) big.SetLength(16L << 20);
        using var local = new TempFolder();
        using var session = PowerShellSession.Start();
        session.Run("$ExecutionContext.SessionState.Path.SetLocation($args[0]) | Out-Null", local.Path);

        using var running = session.Begin("Receive-FtpLiteFile -PassThru stream.bin -Destination ./got -Server 127.0.0.1 -Port $args[0]", peer.Port);
        Assert.True(Poll.Until(() => running.Streams.Progress.Count > 0, TimeSpan.FromSeconds(20)), "No progress while the transfer ran.\n" + peer.Log);
        Assert.False(running.IsCompleted);

        running.Stop(TimeSpan.FromSeconds(30)); // Far sooner than the download would end by itself.

        Assert.Equal(PSInvocationState.Stopped, running.State);
        var got = Path.Combine(local.Path, "got");
        Assert.False(File.Exists(Path.Combine(got, "stream.bin")));
        // No hidden leftover: at most the visible part a -Resume continues (none if no byte had arrived yet).
        Assert.All(Directory.GetFiles(got, "*", SearchOption.AllDirectories), file => Assert.Equal(Path.Combine(got, "stream.bin.ftplite-part"), file));
        // The server saw the download cut short, not finished, and the one-shot session closed.
        Assert.True(Poll.Until(() => peer.OpenSessions == 0, TimeSpan.FromSeconds(30)), "The session was not closed:\n" + peer.Log);
        Assert.Matches(@"RETR .*/stream\.bin completed=0 ", peer.Log);
    }
}
