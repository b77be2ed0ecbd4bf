using FtpLite.Client;

namespace FtpLite.Tests.Client.Mirror;

/// <summary>The mirror's plan from two trees: what is copied, replaced, deleted or skipped, and why.</summary>
public class FtpMirrorPlannerTests
{
    private static readonly DateTime T = new(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc);

    private static FtpTreeEntry File(string path, long length = 10, DateTime? time = null) => new(path, false, length, time ?? T);
    private static FtpTreeEntry Folder(string path) => new(path, true, 0, T);

    private static FtpMirrorPlan Plan(FtpTreeEntry[] source, FtpTreeEntry[] target, FtpMirrorOptions? options = null, bool keepsTimes = true, ICollection<string>? differs = null) =>
        FtpMirrorPlanner.Plan(FtpTransferDirection.Upload, source, target, options ?? new FtpMirrorOptions(), keepsTimes, differs);

    private static string[] Lines(FtpMirrorPlan plan) => plan.Actions.Select(a => a.ToString()).ToArray();

    [Fact]
    public void EmptyTarget_FoldersFirstThenEveryFile_AsCopies()
    {
        var plan = Plan(new[] { Folder("a"), File("a/x"), Folder("a/b"), File("a/b/y"), File("top") }, Array.Empty<FtpTreeEntry>());

        Assert.Equal(new[]
        {
            "copy a/: folder missing on the target",
            "copy a/b/: folder missing on the target",
            "copy a/x: missing on the target",
            "copy a/b/y: missing on the target",
            "copy top: missing on the target",
        }, Lines(plan));
        Assert.Equal(5, plan.Copies);
        Assert.Equal(30, plan.BytesToCopy);
    }

    [Fact]
    public void SameSizeAndTime_Skipped_ExistingFoldersNotListed()
    {
        var tree = new[] { Folder("a"), File("a/x"), File("y") };

        var plan = Plan(tree, tree);

        Assert.Empty(plan.Changes);
        Assert.Equal(2, plan.Skips);
        Assert.All(plan.Actions, a => Assert.Equal(FtpMirrorReason.Same, a.Reason));
    }

    [Fact]
    public void SizeOrTimeDiffers_Replaced_WithTheReason()
    {
        var plan = Plan(
            new[] { File("size", 12), File("newer", time: T.AddMinutes(1)), File("older", time: T.AddMinutes(-1)) },
            new[] { File("size", 10), File("newer"), File("older") });

        Assert.Equal(new[]
        {
            "replace size: size differs (12 bytes on the source, 10 on the target)",
            "replace newer: newer on the source (2024-05-01 12:01:00Z vs 2024-05-01 12:00:00Z)",
            "replace older: older on the source (2024-05-01 11:59:00Z vs 2024-05-01 12:00:00Z)",
        }, Lines(plan));
    }

    [Fact]
    public void SubSecondDifference_IsTheSameTime_ServersKeepWholeSeconds()
    {
        // The source's 12:00:00.900 was sent with MFMT as 12:00:00; a second later is a real change.
        var plan = Plan(
            new[] { File("same", time: T.AddMilliseconds(900)), File("later", time: T.AddMilliseconds(1000)) },
            new[] { File("same"), File("later") });

        Assert.Equal(FtpMirrorActionKind.Skip, plan.Actions[0].Kind);
        Assert.Equal(FtpMirrorActionKind.Replace, plan.Actions[1].Kind);
    }

    [Fact]
    public void TimeTolerance_AllowsThatMuchDrift()
    {
        var options = new FtpMirrorOptions { TimeTolerance = TimeSpan.FromSeconds(2) };

        var plan = Plan(new[] { File("fat", time: T.AddSeconds(2)), File("moved", time: T.AddSeconds(3)) }, new[] { File("fat"), File("moved") }, options);

        Assert.Equal(new[] { FtpMirrorActionKind.Skip, FtpMirrorActionKind.Replace }, plan.Actions.Select(a => a.Kind));
    }

    [Fact]
    public void TargetWithoutSettableTimes_ANewerTargetOfTheSameSizeIsUpToDate_ANewerSourceIsNot()
    {
        // Uploaded to a server without MFMT: the copy carries the upload's time, later than the source's.
        var plan = Plan(
            new[] { File("copied"), File("edited", time: T.AddHours(2)) },
            new[] { File("copied", time: T.AddHours(1)), File("edited", time: T.AddHours(1)) },
            keepsTimes: false);

        Assert.Equal(new[] { "skip copied: up to date", "replace edited: newer on the source (2024-05-01 14:00:00Z vs 2024-05-01 13:00:00Z)" }, Lines(plan));
    }

    [Fact]
    public void UnknownTimeOrSize_ComparedByWhatIsKnown()
    {
        var plan = Plan(
            new[] { File("no-time"), File("no-size"), File("no-time-other-size", 11) },
            new[] { File("no-time", time: DateTime.MinValue), File("no-size", -1), new FtpTreeEntry("no-time-other-size", false, 10, DateTime.MinValue) });

        Assert.Equal(new[] { FtpMirrorActionKind.Skip, FtpMirrorActionKind.Skip, FtpMirrorActionKind.Replace }, plan.Actions.Select(a => a.Kind));
    }

    [Fact]
    public void Checksum_IgnoresTimes_ReplacesOnlyWhatHashesSayDiffers()
    {
        var source = new[] { File("same", time: T.AddDays(1)), File("edited"), File("grown", 20) };
        var target = new[] { File("same"), File("edited"), File("grown") };
        var options = new FtpMirrorOptions { Checksum = true };

        var candidates = FtpMirrorPlanner.HashCandidates(source, target, options);
        var plan = Plan(source, target, options, differs: new[] { "edited" });

        Assert.Equal(new[] { "same", "edited" }, candidates);
        Assert.Equal(new[] { "skip same: up to date", "replace edited: same size, different hash", "replace grown: size differs (20 bytes on the source, 10 on the target)" }, Lines(plan));
    }

    [Fact]
    public void NoDelete_ExtraTargetFilesStay()
    {
        var plan = Plan(new[] { File("keep") }, new[] { File("keep"), File("extra") });

        Assert.Equal(0, plan.Deletes);
    }

    [Fact]
    public void Delete_RemovesExactlyTheExtras_FilesThenFoldersDeepestFirst()
    {
        var source = new[] { Folder("a"), File("a/1"), File("a/2"), File("a/3"), File("b"), File("c") };
        var target = new[] { Folder("a"), File("a/1"), File("a/2"), File("a/3"), File("b"), File("c"), Folder("old"), Folder("old/deep"), File("old/deep/x"), File("stray") };

        var plan = Plan(source, target, new FtpMirrorOptions { Delete = true });

        Assert.Equal(new[]
        {
            "delete old/deep/x: not on the source",
            "delete stray: not on the source",
            "delete old/deep/: folder not on the source",
            "delete old/: folder not on the source",
        }, plan.Changes.Select(a => a.ToString()));
    }

    [Fact]
    public void Delete_EmptySource_Refused_EvenWithForce()
    {
        var options = new FtpMirrorOptions { Delete = true, Force = true };

        var error = Assert.Throws<FtpMirrorRefusedException>(() => Plan(new[] { Folder("only-a-folder") }, new[] { File("precious") }, options));

        Assert.Equal(FtpMirrorRefusal.EmptySource, error.Refusal);
        Assert.Contains("The source has no files", error.Message);
    }

    [Fact]
    public void Delete_EmptySourceAndEmptyTarget_NothingToRefuse()
    {
        var plan = Plan(Array.Empty<FtpTreeEntry>(), Array.Empty<FtpTreeEntry>(), new FtpMirrorOptions { Delete = true });

        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void Delete_MoreThanHalfTheTarget_RefusedWithoutForce_AllowedWithIt()
    {
        var source = new[] { File("1") };
        var target = new[] { File("1"), File("2"), File("3") };

        var error = Assert.Throws<FtpMirrorRefusedException>(() => Plan(source, target, new FtpMirrorOptions { Delete = true }));
        var forced = Plan(source, target, new FtpMirrorOptions { Delete = true, Force = true });
        var half = Plan(new[] { File("1") }, new[] { File("1"), File("2") }, new FtpMirrorOptions { Delete = true });

        Assert.Equal(FtpMirrorRefusal.TooManyDeletes, error.Refusal);
        Assert.Contains("2 of the target's 3 entries", error.Message);
        Assert.Equal(2, forced.Deletes);
        Assert.Equal(1, half.Deletes); // Exactly the threshold is allowed.
    }

    [Fact]
    public void Exclude_ByNameAtAnyDepth_ByFolder_ByAnchoredPath_NeitherCopiedNorDeleted()
    {
        var options = new FtpMirrorOptions { Delete = true, Force = true };
        foreach (var pattern in new[] { "*.tmp", ".git/", "logs/*.log" }) options.Exclude.Add(pattern);
        var source = new[]
        {
            File("a.txt"), File("a.tmp"), Folder("sub"), File("sub/b.tmp"), File("sub/b.txt"),
            Folder(".git"), File(".git/HEAD"), Folder("logs"), File("logs/x.log"), Folder("sub/logs"), File("sub/logs/y.log"),
        };
        var target = new[] { File("old.tmp"), Folder(".git"), File(".git/config") };

        var plan = Plan(source, target, options);

        Assert.Equal(new[] { "sub", "logs", "sub/logs", "a.txt", "sub/b.txt", "sub/logs/y.log" }, plan.Actions.Select(a => a.RelativePath));
        Assert.Equal(0, plan.Deletes);
    }

    [Fact]
    public void ExcludeFolderPattern_DoesNotMatchAFileOfThatName()
    {
        var options = new FtpMirrorOptions();
        options.Exclude.Add("build/");

        var plan = Plan(new[] { File("build"), Folder("src"), Folder("src/build"), File("src/build/o") }, Array.Empty<FtpTreeEntry>(), options);

        Assert.Equal(new[] { "src", "build" }, plan.Actions.Select(a => a.RelativePath));
    }

    [Fact]
    public void Include_OnlyMatchingFiles_AndOnlyTheFoldersThatHoldThem()
    {
        var options = new FtpMirrorOptions { Delete = true, Force = true };
        options.Include.Add("*.cs");
        var source = new[] { Folder("src"), File("src/a.cs"), File("src/a.txt"), Folder("docs"), File("docs/r.md"), File("b.cs") };
        var target = new[] { File("notes.txt") };

        var plan = Plan(source, target, options);

        Assert.Equal(new[] { "copy src/: folder missing on the target", "copy src/a.cs: missing on the target", "copy b.cs: missing on the target" }, Lines(plan));
    }

    [Fact]
    public void FileWhereTheTargetHasAFolder_SkippedAsAConflict_NotDeleted()
    {
        var plan = Plan(new[] { File("x"), Folder("y") }, new[] { Folder("x"), File("y") }, new FtpMirrorOptions { Delete = true, Force = true });

        Assert.Equal(new[]
        {
            "skip x: a folder on the target has the file's name",
            "skip y/: a file on the target has the folder's name",
        }, Lines(plan));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    public void EmptyPattern_IsAnArgumentError(string pattern)
    {
        var options = new FtpMirrorOptions();
        options.Exclude.Add(pattern);

        Assert.Throws<ArgumentException>(() => Plan(new[] { File("a") }, Array.Empty<FtpTreeEntry>(), options));
    }
}
