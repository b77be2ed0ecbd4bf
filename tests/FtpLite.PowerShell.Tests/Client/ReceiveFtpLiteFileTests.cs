using System.Diagnostics;
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

        var results = bed.Run("Get-FtpLiteListing /logs | Where-Object Length -gt 1KB | Receive-FtpLiteFile -Destination ./logs").Output;

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

        var results = bed.Run("Receive-FtpLiteFile /in/*.csv").Output;

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

        var results = bed.Run("Receive-FtpLiteFile /data -Destination ./copy -Recurse").Output;

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

        var refused = bed.Run("Receive-FtpLiteFile a.txt");
        Assert.Equal(["FtpLite.TargetExists"], refused.ErrorIds);
        Assert.Equal(ErrorCategory.ResourceExists, refused.Errors[0].CategoryInfo.Category);
        Assert.Equal("old", File.ReadAllText(bed.LocalPath("a.txt")));

        bed.Run("Receive-FtpLiteFile a.txt -Force");
        Assert.Equal("new", File.ReadAllText(bed.LocalPath("a.txt")));
    }

    [Fact]
    public void Resume_FetchesOnlyWhatTheLocalFileLacks()
    {
        using var bed = new ClientBed();
        var content = new string('r', 4000) + new string('s', 4000);
        bed.RemoteFile("big.bin", content);
        bed.LocalFile("big.bin", content.Substring(0, 4000));

        var result = bed.Run("Receive-FtpLiteFile big.bin -Resume -Verbose");

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

        var result = bed.Run("'a.txt', 'missing.txt', 'c.txt' | Receive-FtpLiteFile");

        Assert.Equal(["FtpLite.RemoteItemNotFound"], result.ErrorIds);
        Assert.Equal(ErrorCategory.ObjectNotFound, result.Errors[0].CategoryInfo.Category);
        Assert.Equal(2, result.Output.Count);
        Assert.True(File.Exists(bed.LocalPath("c.txt")));
    }

    [Fact]
    public void ErrorActionStop_MakesAMissingFileTerminating()
    {
        using var bed = new ClientBed();

        var error = bed.Session.RunExpectingTerminatingError("Receive-FtpLiteFile missing.txt -ErrorAction Stop");

        Assert.Equal("FtpLite.RemoteItemNotFound", ScriptResult.ErrorIdOf(error));
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public void Progress_IsWritten_AndNoneUnderSilentlyContinue()
    {
        using var bed = new ClientBed();
        bed.RemoteFile("a.bin", new string('p', 300_000));

        var shown = bed.Run("Receive-FtpLiteFile a.bin -Destination ./shown");
        var silent = bed.Run("$ProgressPreference = 'SilentlyContinue'; Receive-FtpLiteFile a.bin -Destination ./silent");

        Assert.NotEmpty(shown.Progress);
        Assert.Equal(ProgressRecordType.Completed, shown.Progress[^1].RecordType);
        Assert.Empty(silent.Progress);
        Assert.Single(silent.Output);
    }

    /// <summary>
    /// Ctrl+C mid-download. The server's file is a FIFO the test feeds slowly (16 KB every 20 ms, bounded), so the
    /// transfer is surely running, and surely unfinished, when the stop comes.
    /// </summary>
    [Fact(Skip = "FtpLite no longer serves FIFOs (issue 11: only regular files; RETR of one is 550). This test fed its endless download through one; it needs another slow source.")]
    public void CtrlC_MidTransfer_StopsAndLeavesNoPartialFile()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("Needs a FIFO (mkfifo).");
        using var bed = new ClientBed();
        var fifo = bed.RemotePath("stream.bin");
        using (var mkfifo = Process.Start("mkfifo", fifo)) Assert.True(mkfifo.WaitForExit(10_000) && mkfifo.ExitCode == 0);

        var done = new ManualResetEventSlim();
        var feeder = new Thread(() => Feed(fifo, done)) { IsBackground = true };
        feeder.Start();
        try
        {
            using var running = bed.Session.Begin("Receive-FtpLiteFile stream.bin -Destination ./got");
            Assert.True(Poll.Until(() => running.Streams.Progress.Count > 0, TimeSpan.FromSeconds(20)), "No progress while the transfer ran.");

            running.Stop(TimeSpan.FromSeconds(30));

            Assert.Equal(PSInvocationState.Stopped, running.State);
            Assert.False(File.Exists(bed.LocalPath("got/stream.bin")));
            Assert.Empty(Directory.GetFiles(bed.LocalPath("got"), "*", SearchOption.AllDirectories)); // No hidden part file either.
        }
        finally
        {
            done.Set();
            feeder.Join(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>Writes zeros into the FIFO until told to stop or the reader goes away; at most about a minute.</summary>
    private static void Feed(string fifo, ManualResetEventSlim done)
    {
        try
        {
            using var writer = new FileStream(fifo, FileMode.Open, FileAccess.Write); // Waits for the server's RETR to open it.
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
