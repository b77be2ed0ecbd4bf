using FtpLite.Stress;

namespace FtpLite.Tests.Stress;

/// <summary>Short versions of the fuzz and idle-session runs (bench/FtpLite.Stress runs the long ones by hand).</summary>
public class StressShortTests
{
    [Fact]
    public async Task Fuzz_TwentyThousandHostileLines_NoSessionFailure_ServerHealthyAfter()
    {
        var report = await FuzzRun.RunAsync(lines: 20_000, clients: 4, seed: 42, TextWriter.Null);
        Assert.True(report.Lines >= 20_000);
        Assert.Equal(0, report.SessionFailures);
        Assert.True(report.HealthyAfter, "A normal client could not log in, upload and quit after the fuzzing.");
        Assert.True(report.Replies > report.Lines / 2, $"Only {report.Replies} replies to {report.Lines} lines: the server stopped answering.");
    }

    [Fact]
    public async Task Soak_TenClientsFifteenSeconds_EveryByteVerified_NoErrors()
    {
        var report = await SoakRun.RunAsync(clients: 10, TimeSpan.FromSeconds(15), maxFileBytes: 256 * 1024, TextWriter.Null);
        Assert.True(report.Operations > 100, $"Only {report.Operations} operations in 15 seconds.");
        Assert.Equal(0, report.Errors);
        Assert.Equal(0, report.Mismatches);
        Assert.True(report.FilesVerifiedAtEnd > 0);
    }

    [Fact]
    public async Task Idle_ThreeHundredSessionsHeld_ANewClientStillLogsIn()
    {
        var report = await IdleRun.RunAsync(sessions: 300, maxSessions: 1000, TextWriter.Null);
        Assert.Equal(300, report.Held);
        Assert.Equal(0, report.Refused421);
        Assert.Equal(0, report.NewLoginsRefused);
        Assert.True(report.NewLoginMedianMs > 0);
    }

    [Fact]
    public async Task Idle_BeyondTheLimit_Answered421_NotAHang()
    {
        var report = await IdleRun.RunAsync(sessions: 120, maxSessions: 100, TextWriter.Null);
        Assert.Equal(120, report.Held + report.Refused421);
        Assert.InRange(report.Held, 1, 100);
        Assert.True(report.Refused421 >= 20);
        Assert.True(report.NewLoginsRefused > 0, "With the server full, a new client should have been answered 421.");
    }
}
