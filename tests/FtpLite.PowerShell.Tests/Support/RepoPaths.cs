namespace FtpLite.PowerShell.Tests.Support;

/// <summary>Where the repository and the built module folder are, found by walking up to the solution file.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    /// <summary>The module folder the build assembles; the tests import it as a user would.</summary>
    public static string ModuleFolder => Path.Combine(Root, "out", "FtpLite");

    public static string ModuleManifest => Path.Combine(ModuleFolder, "FtpLite.psd1");

    public static string SourceModuleFolder => Path.Combine(Root, "module", "FtpLite");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FtpLite.PowerShell.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No FtpLite.PowerShell.sln above {AppContext.BaseDirectory}.");
    }
}
