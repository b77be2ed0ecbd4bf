using FtpLite.PowerShell.Tests.Support;

namespace FtpLite.PowerShell.Tests.Client;

/// <summary>
/// -Confirm as a user answers it: declining a folder skips what would go into it, so there is no question whose Yes
/// could only fail. The test host answers the prompts (0 Yes, 2 No) and fails a test that asks one question too many.
/// </summary>
public class ConfirmTests
{
    private const int No = 2;

    [Fact]
    public void Send_DecliningTheNewDestination_AsksNothingMore_AndSendsNothing()
    {
        using var bed = new ClientBed();
        bed.LocalFile("a.txt", "a");
        bed.LocalFile("b.txt", "b");
        bed.Session.UI.QueueAnswer(No);

        var result = bed.Run("Send-FtpLiteFile a.txt, b.txt -Destination /new -Confirm");

        Assert.False(result.HadErrors, string.Join("\n", result.Errors));
        Assert.Single(bed.Session.UI.PromptedFields);
        Assert.False(Directory.Exists(bed.RemotePath("new")));
    }

    [Fact]
    public void Send_DecliningASubfolder_SkipsItsFiles_AndGoesOnWithTheRest()
    {
        using var bed = new ClientBed();
        bed.LocalFile("site/inner/x.txt", "x");
        bed.LocalFile("site/y.txt", "y");
        Directory.CreateDirectory(bed.RemotePath("www"));
        // Yes to /www/site, Yes to site/y.txt, No to /www/site/inner.
        foreach (var answer in new[] { 0, 0, No }) bed.Session.UI.QueueAnswer(answer);

        var result = bed.Run("Send-FtpLiteFile ./site -Destination /www -Recurse -Confirm");

        Assert.False(result.HadErrors, string.Join("\n", result.Errors));
        Assert.Equal(3, bed.Session.UI.PromptedFields.Count);
        Assert.True(File.Exists(bed.RemotePath("www/site/y.txt")));
        Assert.False(Directory.Exists(bed.RemotePath("www/site/inner")));
    }

    [Fact]
    public void Receive_DecliningTheNewLocalFolder_AsksNothingMore()
    {
        using var bed = new ClientBed();
        bed.RemoteFile("data/a.txt", "a");
        bed.RemoteFile("data/b.txt", "b");
        bed.Session.UI.QueueAnswer(No);

        var result = bed.Run("Receive-FtpLiteFile /data/*.txt -Destination ./copy -Confirm");

        Assert.False(result.HadErrors, string.Join("\n", result.Errors));
        Assert.Single(bed.Session.UI.PromptedFields);
        Assert.False(Directory.Exists(bed.LocalPath("copy")));
    }

    [Fact]
    public void WhatIf_StillAnnouncesTheFilesOfAFolderItWouldCreate()
    {
        using var bed = new ClientBed();
        bed.LocalFile("a.txt", "a");

        bed.Run("Send-FtpLiteFile a.txt -Destination /new -WhatIf");

        Assert.Contains("/new/a.txt", bed.Session.UI.Text);
    }
}
