using FtpLite.Tests.Support;

namespace FtpLite.Tests.Cli;

/// <summary>
/// The program the CLI tests ran is the one users get from `dotnet publish`: a native executable, alone in its folder,
/// with no managed FtpLite.Cli.dll or runtimeconfig that a dotnet host would need.
/// </summary>
public class PublishedProgramTests
{
    [Fact]
    public async Task The_published_ftplite_is_a_native_program_that_runs_on_its_own()
    {
        var program = CliProcess.PublishedProgram;
        if (program is null)
        {
            // tests/run.sh always sets it; under CI its absence means the CLI tests did not test what ships.
            if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail($"{CliProcess.ProgramVariable} is not set under CI.");
            Assert.Skip($"{CliProcess.ProgramVariable} is not set: the CLI tests ran the built FtpLite.Cli.dll.");
        }

        var header = new byte[4];
        using (var file = File.OpenRead(program))
            Assert.Equal(header.Length, file.Read(header, 0, header.Length));
        if (OperatingSystem.IsLinux()) Assert.Equal(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }, header);
        if (OperatingSystem.IsWindows()) Assert.Equal((byte)'M', header[0]);
        var folder = Path.GetDirectoryName(program)!;
        Assert.False(File.Exists(Path.Combine(folder, "FtpLite.Cli.dll")), "A managed FtpLite.Cli.dll lies beside the published program.");
        Assert.False(File.Exists(Path.Combine(folder, "FtpLite.Cli.runtimeconfig.json")), "The published program asks for a .NET runtime.");

        var result = await PeerProgram.RunAsync(program, new[] { "--version" }, timeout: TimeSpan.FromSeconds(60));
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("ftplite ", result.StandardOutput);
    }
}
