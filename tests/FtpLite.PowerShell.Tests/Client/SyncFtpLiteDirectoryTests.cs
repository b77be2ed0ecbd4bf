using System.Management.Automation;
using FtpLite.PowerShell.Tests.Support;
using FtpLite.Tests.Client.Mirror;
using FtpLite.Tests.Client.Peers;

namespace FtpLite.PowerShell.Tests.Client;

/// <summary>Sync-FtpLiteDirectory as a user runs it: -WhatIf's plan, the run, a second run that copies nothing, the guards.</summary>
public class SyncFtpLiteDirectoryTests
{
    private static string Errors(ScriptResult result) => string.Join("\n", result.Errors.Select(e => e.ToString()));

    [Fact]
    public void TwoThousandFiles_WhatIfThenBothWays_SameTrees_SecondRunsWriteNothing()
    {
        using var bed = new ClientBed();
        MirrorTree.Make(bed.LocalPath("site"), folders: 100, filesPerFolder: 20);

        var whatIf = bed.Run("Sync-FtpLiteDirectory Upload ./site /www -WhatIf -PassThru");
        var whatIfText = bed.Session.UI.Text;
        var up = bed.Run("Sync-FtpLiteDirectory Upload ./site /www -ThrottleLimit 8 -PassThru");
        var down = bed.Run("Sync-FtpLiteDirectory Download ./back /www -ThrottleLimit 8 -PassThru");
        var upAgain = bed.Run("Sync-FtpLiteDirectory Upload ./site /www -PassThru");
        var downAgain = bed.Run("Sync-FtpLiteDirectory Download ./back /www -PassThru");
        var quiet = bed.Run("Sync-FtpLiteDirectory Upload ./site /www");

        Assert.False(whatIf.HadErrors, Errors(whatIf));
        Assert.Equal(2100, whatIf.Output.Count);
        Assert.All(whatIf.Output, o => Assert.Equal("FtpLite.Client.FtpMirrorAction", o.BaseObject.GetType().FullName));
        Assert.Contains("Copy file (missing on the target)", whatIfText);
        Assert.Contains("/www/d099/f019.txt", whatIfText);
        Assert.False(up.HadErrors, Errors(up));
        Assert.Equal(2100, up.Output.Count);
        Assert.All(up.Output.Where(o => o.Get<string>("Kind") == "Copy" && o.Get<object>("Transfer") is not null), o => Assert.True(o.Get<bool>("TimeKept")));
        Assert.False(down.HadErrors, Errors(down));
        Assert.Equal(2100, down.Output.Count);
        MirrorTree.AssertSame(bed.LocalPath("site"), bed.RemotePath("www"));
        MirrorTree.AssertSame(bed.LocalPath("site"), bed.LocalPath("back"));
        Assert.Empty(upAgain.Output);
        Assert.Empty(downAgain.Output);
        Assert.False(upAgain.HadErrors || downAgain.HadErrors, Errors(upAgain) + Errors(downAgain));
        Assert.Empty(quiet.Output);
    }

    [Fact]
    public void ManySmallFiles_ProgressAFewTimesASecond_NotOnceAFile_ThenCompleted()
    {
        using var bed = new ClientBed();
        MirrorTree.Make(bed.LocalPath("site"), folders: 10, filesPerFolder: 40);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var up = bed.Run("$ProgressPreference = 'Continue'; Sync-FtpLiteDirectory Upload ./site /www -ThrottleLimit 4");
        clock.Stop();

        Assert.False(up.HadErrors, Errors(up));
        MirrorTree.AssertSame(bed.LocalPath("site"), bed.RemotePath("www"));
        var running = up.Progress.Where(p => p.RecordType != ProgressRecordType.Completed).ToList();
        Assert.NotEmpty(running);
        // One record when the first file lands, then at most one per interval, and the last one held back when the run ends.
        Assert.InRange(running.Count, 1, 2 + (int)(clock.Elapsed.TotalMilliseconds / 250));
        Assert.Equal(ProgressRecordType.Completed, up.Progress[^1].RecordType);
    }

    [Fact]
    public void OneChangedFile_OnlyItIsCopied_DeleteRemovesExactlyTheExtras()
    {
        using var bed = new ClientBed();
        MirrorTree.Make(bed.LocalPath("site"), folders: 3, filesPerFolder: 5);
        bed.Run("Sync-FtpLiteDirectory Upload ./site /www");
        File.WriteAllText(bed.LocalPath("site/d001/f003.txt"), "a change, and longer than it was before");
        bed.RemoteFile("www/extra.txt", "x");
        bed.RemoteFile("www/d002/keep.tmp", "kept: excluded");

        var changed = bed.Run("Sync-FtpLiteDirectory Upload ./site /www -PassThru");
        var deleted = bed.Run("Sync-FtpLiteDirectory Upload ./site /www -Delete -Exclude '*.tmp' -PassThru");

        var only = Assert.Single(changed.Output);
        Assert.Equal(("Replace", "d001/f003.txt"), (only.Get<string>("Kind"), only.Get<string>("RelativePath")));
        var delete = Assert.Single(deleted.Output);
        Assert.Equal(("Delete", "extra.txt"), (delete.Get<string>("Kind"), delete.Get<string>("RelativePath")));
        Assert.False(File.Exists(bed.RemotePath("www/extra.txt")));
        Assert.True(File.Exists(bed.RemotePath("www/d002/keep.tmp")));
    }

    [Fact]
    public void Delete_EmptySource_TerminatingMirrorRefused_NothingDeleted()
    {
        using var bed = new ClientBed();
        Directory.CreateDirectory(bed.LocalPath("empty"));
        bed.RemoteFile("www/precious.txt", "p");

        var error = bed.Session.RunExpectingTerminatingError("Sync-FtpLiteDirectory Upload ./empty /www -Delete -Force");

        Assert.Equal("FtpLite.MirrorRefused,FtpLite.PowerShell.Commands.SyncFtpLiteDirectoryCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Contains("The source has no files", error.Exception.Message);
        Assert.True(File.Exists(bed.RemotePath("www/precious.txt")));
    }

    [Theory]
    [InlineData("Sync-FtpLiteDirectory Upload ./nowhere /www", "FtpLite.LocalItemNotFound")]
    [InlineData("Sync-FtpLiteDirectory Download ./x /nowhere", "FtpLite.RemoteItemNotFound")]
    [InlineData("Sync-FtpLiteDirectory Upload . /www -Force", "FtpLite.InvalidMirrorOption")]
    [InlineData("Sync-FtpLiteDirectory Upload . /www -Exclude '/'", "FtpLite.InvalidMirrorOption")]
    public void BadInput_TerminatingErrorWithItsId(string script, string id)
    {
        using var bed = new ClientBed();

        var error = bed.Session.RunExpectingTerminatingError(script);

        Assert.StartsWith(id + ",", error.FullyQualifiedErrorId);
    }

    [Fact]
    public void CtrlCInTheMiddle_ThenRerun_CompletesWithoutRecopyingWhatFinished()
    {
        using var bed = new ClientBed();
        MirrorTree.Make(bed.LocalPath("site"), folders: 20, filesPerFolder: 50);
        // Finished files only: an upload under way is a hidden ".ftplite-….part" beside its target until it commits,
        // and the Ctrl+C discards it, so counting those would let the count drop after the stop.
        int RemoteFiles() => Directory.Exists(bed.RemotePath("www"))
            ? Directory.GetFiles(bed.RemotePath("www"), "*", SearchOption.AllDirectories).Count(f => !Path.GetFileName(f).StartsWith(".ftplite-", StringComparison.Ordinal))
            : 0;

        using (var running = bed.Session.Begin("Sync-FtpLiteDirectory Upload ./site /www -ThrottleLimit 2"))
        {
            Assert.True(Poll.Until(() => RemoteFiles() >= 100 || running.IsCompleted, TimeSpan.FromSeconds(60)), "The mirror never got under way.");
            running.Stop(TimeSpan.FromSeconds(30));
            Assert.Equal(PSInvocationState.Stopped, running.State);
        }
        var finished = RemoteFiles();
        bed.Run("Connect-FtpLite $server | Out-Null"); // Ctrl+C may have cost the session its connection.
        var rerun = bed.Run("Sync-FtpLiteDirectory Upload ./site /www -PassThru");

        Assert.InRange(finished, 100, 999);
        Assert.False(rerun.HadErrors, Errors(rerun));
        Assert.InRange(rerun.Output.Count(o => o.Get<string>("Kind") != "Delete"), 1, 1020 - finished + 4);
        MirrorTree.AssertSame(bed.LocalPath("site"), bed.RemotePath("www"));
    }

    [Fact]
    public async Task Vsftpd_NoMfmt_Warns_SecondRunCopiesNothing_ChangedFileCopied()
    {
        await using var peer = await StockPeers.StartAsync(StockPeers.Vsftpd, TestContext.Current.CancellationToken);
        using var local = new TempFolder();
        MirrorTree.Make(Path.Combine(local.Path, "site"), folders: 10, filesPerFolder: 10);
        using var session = PowerShellSession.Start();
        session.Run("$ExecutionContext.SessionState.Path.SetLocation($args[0]) | Out-Null", local.Path);
        session.Run("Connect-FtpLite -Server 127.0.0.1 -Port $args[0] | Out-Null", peer.ClientOptions().Port);

        var up = session.Run("Sync-FtpLiteDirectory Upload ./site tree -PassThru 3>&1");
        var again = session.Run("Sync-FtpLiteDirectory Upload ./site tree -PassThru 3>&1");
        File.WriteAllText(Path.Combine(local.Path, "site/d004/f005.txt"), "changed to something longer than before");
        var changed = session.Run("Sync-FtpLiteDirectory Upload ./site tree -PassThru");
        var down = session.Run("Sync-FtpLiteDirectory Download ./back tree -PassThru");
        var downAgain = session.Run("Sync-FtpLiteDirectory Download ./back tree -PassThru");

        Assert.False(up.HadErrors, Errors(up));
        Assert.Contains(up.Output, o => o.BaseObject is WarningRecord w && w.Message.Contains("does not offer MFMT"));
        Assert.Equal(110, up.Output.Count(o => o.BaseObject is not WarningRecord));
        Assert.All(up.Output.Where(o => o.BaseObject is not WarningRecord && o.Get<object>("Transfer") is not null), o => Assert.False(o.Get<bool>("TimeKept")));
        Assert.Empty(again.Output);
        Assert.Equal("d004/f005.txt", Assert.Single(changed.Output).Get<string>("RelativePath"));
        Assert.Equal(110, down.Output.Count);
        Assert.Empty(downAgain.Output);
        MirrorTree.AssertSame(Path.Combine(local.Path, "site"), Path.Combine(peer.Root, "tree"));
        MirrorTree.AssertSame(Path.Combine(local.Path, "site"), Path.Combine(local.Path, "back"));
    }
}
