using System.Management.Automation;
using FtpLite.PowerShell.Tests.Support;

namespace FtpLite.PowerShell.Tests.Client;

public class SendFtpLiteFileTests
{
    [Fact]
    public void PipedFiles_AreUploadedIntoTheDestinationFolder_WithATransferResultEach()
    {
        using var bed = new ClientBed();
        var a = bed.LocalFile("a.zip", "aaaa");
        var b = bed.LocalFile("b.zip", "bb");

        var results = bed.Run("$args | ForEach-Object { [System.IO.FileInfo]::new($_) } | Send-FtpLiteFile -PassThru -Destination /drop", a, b).Output;

        Assert.Equal("aaaa", File.ReadAllText(bed.RemotePath("drop/a.zip")));
        Assert.Equal("bb", File.ReadAllText(bed.RemotePath("drop/b.zip")));
        Assert.Equal(2, results.Count);
        Assert.Equal("FtpLite.Client.FtpTransferResult", results[0].TypeNames[0]);
        Assert.Equal(a, results[0].Get<string>("LocalPath"));
        Assert.Equal("/drop/a.zip", results[0].Get<string>("RemotePath"));
        Assert.Equal(4L, results[0].Get<long>("Bytes"));
        Assert.True(results[0].Get<bool>("HashVerified")); // Our server offers HASH.
        Assert.True(results[0].Get<TimeSpan>("Duration") >= TimeSpan.Zero);
    }

    [Fact]
    public void Wildcards_AreExpandedThroughTheProvider()
    {
        using var bed = new ClientBed();
        bed.LocalFile("one.zip", "1");
        bed.LocalFile("two.zip", "2");
        bed.LocalFile("notes.txt", "n");

        bed.Run("Send-FtpLiteFile -PassThru *.zip");

        Assert.True(File.Exists(bed.RemotePath("one.zip")));
        Assert.True(File.Exists(bed.RemotePath("two.zip")));
        Assert.False(File.Exists(bed.RemotePath("notes.txt")));
    }

    [Fact]
    public void Recurse_UploadsTheFolderKeepingTheTree()
    {
        using var bed = new ClientBed();
        bed.LocalFile("site/index.html", "i");
        bed.LocalFile("site/css/a.css", "c");
        bed.LocalFile("site/img/deep/x.png", "x");

        var results = bed.Run("Send-FtpLiteFile -PassThru ./site -Destination /www -Recurse").Output;

        Assert.Equal(3, results.Count);
        Assert.Equal("i", File.ReadAllText(bed.RemotePath("www/site/index.html")));
        Assert.Equal("c", File.ReadAllText(bed.RemotePath("www/site/css/a.css")));
        Assert.Equal("x", File.ReadAllText(bed.RemotePath("www/site/img/deep/x.png")));
    }

    [Fact]
    public void Folder_WithoutRecurse_IsARecurseRequiredError()
    {
        using var bed = new ClientBed();
        bed.LocalFile("site/index.html", "i");

        var result = bed.Run("Send-FtpLiteFile -PassThru ./site");

        Assert.Equal(["FtpLite.RecurseRequired"], result.ErrorIds);
        Assert.False(Directory.Exists(bed.RemotePath("site")));
    }

    [Fact]
    public void WhatIf_ChangesNothing()
    {
        using var bed = new ClientBed();
        bed.LocalFile("site/index.html", "i");
        bed.LocalFile("a.zip", "a");

        var result = bed.Run("Send-FtpLiteFile ./site, ./a.zip -Destination /new -Recurse -WhatIf");

        Assert.False(result.HadErrors);
        Assert.Empty(result.Output);
        Assert.Empty(Directory.GetFileSystemEntries(bed.Remote.Path));
        Assert.Contains("What if", bed.Session.UI.Text);
        Assert.Contains("a.zip", bed.Session.UI.Text);
    }

    [Fact]
    public void ExistingTarget_IsATargetExistsError_AndForceReplacesIt()
    {
        using var bed = new ClientBed();
        bed.RemoteFile("a.txt", "old");
        bed.LocalFile("a.txt", "new");

        var refused = bed.Run("Send-FtpLiteFile -PassThru a.txt");
        Assert.Equal(["FtpLite.TargetExists"], refused.ErrorIds);
        Assert.Equal(ErrorCategory.ResourceExists, refused.Errors[0].CategoryInfo.Category);
        Assert.Equal("old", File.ReadAllText(bed.RemotePath("a.txt")));

        var forced = bed.Run("Send-FtpLiteFile -PassThru a.txt -Force");
        Assert.False(forced.HadErrors);
        Assert.Equal("new", File.ReadAllText(bed.RemotePath("a.txt")));
    }

    [Fact]
    public void Resume_SendsOnlyWhatTheRemoteFileLacks()
    {
        using var bed = new ClientBed();
        var content = new string('r', 5000) + new string('s', 5000);
        bed.LocalFile("big.bin", content);
        bed.RemoteFile("big.bin", content.Substring(0, 5000));

        var result = bed.Run("Send-FtpLiteFile -PassThru big.bin -Resume -Verbose");

        var transfer = result.Single();
        Assert.Equal(5000L, transfer.Get<long>("ResumedFrom"));
        Assert.Equal(5000L, transfer.Get<long>("Bytes"));
        Assert.Equal(content, File.ReadAllText(bed.RemotePath("big.bin")));
        Assert.Contains(result.Verbose, v => v.Contains("Resumed", StringComparison.Ordinal));
    }

    [Fact]
    public void Resume_WithNothingToResume_SendsTheWholeFileAndSaysSo()
    {
        using var bed = new ClientBed();
        bed.LocalFile("a.txt", "whole");

        var result = bed.Run("Send-FtpLiteFile -PassThru a.txt -Resume -Verbose");

        Assert.Equal(0L, result.Single().Get<long>("ResumedFrom"));
        Assert.Equal("whole", File.ReadAllText(bed.RemotePath("a.txt")));
        Assert.Contains(result.Verbose, v => v.Contains("whole", StringComparison.Ordinal));
    }

    [Fact]
    public void OneMissingFile_DoesNotStopTheRest()
    {
        using var bed = new ClientBed();
        bed.LocalFile("a.txt", "a");
        bed.LocalFile("c.txt", "c");

        var result = bed.Run("Send-FtpLiteFile -PassThru -LiteralPath a.txt, missing.txt, c.txt");

        Assert.Equal(["FtpLite.LocalItemNotFound"], result.ErrorIds);
        Assert.Equal(ErrorCategory.ObjectNotFound, result.Errors[0].CategoryInfo.Category);
        Assert.Equal(2, result.Output.Count);
        Assert.True(File.Exists(bed.RemotePath("c.txt")));
    }

    [Fact]
    public void ErrorActionStop_EndsTheBatchAtTheFirstFailure()
    {
        using var bed = new ClientBed();
        bed.LocalFile("a.txt", "a");
        bed.LocalFile("c.txt", "c");
        bed.RemoteFile("a.txt", "exists");

        var error = bed.Session.RunExpectingTerminatingError("Send-FtpLiteFile -PassThru -LiteralPath a.txt, c.txt -ErrorAction Stop");

        Assert.Equal("FtpLite.TargetExists", ScriptResult.ErrorIdOf(error));
        Assert.False(File.Exists(bed.RemotePath("c.txt")));
    }

    [Fact]
    public void Progress_IsWrittenUnderOneActivity_AndCompleted()
    {
        using var bed = new ClientBed();
        bed.LocalFile("a.bin", new string('p', 300_000));

        var result = bed.Run("Send-FtpLiteFile -PassThru a.bin");

        Assert.NotEmpty(result.Progress);
        Assert.Single(result.Progress.Select(p => p.ActivityId).Distinct());
        Assert.Equal(ProgressRecordType.Completed, result.Progress[^1].RecordType);
        Assert.Contains(result.Progress, p => p.PercentComplete == 100);
    }

    [Fact]
    public void Progress_IsSilentUnderSilentlyContinue()
    {
        using var bed = new ClientBed();
        bed.LocalFile("a.bin", new string('p', 300_000));

        var result = bed.Run("$ProgressPreference = 'SilentlyContinue'; Send-FtpLiteFile -PassThru a.bin");

        Assert.Single(result.Output);
        Assert.Empty(result.Progress);
    }

    [Fact]
    public void MissingPath_IsPromptedFor()
    {
        using var bed = new ClientBed();
        bed.LocalFile("asked.txt", "q");
        bed.Session.UI.QueueAnswer(bed.LocalPath("asked.txt"));

        var result = bed.Run("Send-FtpLiteFile -PassThru -Destination /in");

        Assert.Equal(["Path"], bed.Session.UI.PromptedFields);
        Assert.Single(result.Output);
        Assert.Equal("q", File.ReadAllText(bed.RemotePath("in/asked.txt")));
    }

    [Fact]
    public void DestinationThatIsAFile_IsRefused()
    {
        using var bed = new ClientBed();
        bed.RemoteFile("file", "f");
        bed.LocalFile("a.txt", "a");

        var error = bed.Session.RunExpectingTerminatingError("Send-FtpLiteFile -PassThru a.txt -Destination /file");

        Assert.Equal("FtpLite.InvalidDestination", ScriptResult.ErrorIdOf(error));
    }
}
