using System.Reflection;

namespace FtpLite.PowerShell.Infrastructure;

/// <summary>
/// Loads the S3 store and the AWS SDK from the module's S3 subfolder, on first use only: importing FtpLite never loads
/// an AWSSDK.Core, and a session that never makes an S3 store never does either.
/// <para>
/// On PowerShell 7 the module's assemblies live in an AssemblyLoadContext of their own (FtpLite.psm1). A context finds
/// an assembly first among those already loaded into it, and only then asks the default context, where another module
/// (AWS.Tools) may have put a different AWSSDK.Core — even one of the same assembly version (4.0.0.0 for every 4.x).
/// So our copies are loaded into our context before anything asks for them: our S3 store binds to our AWSSDK.Core,
/// theirs stays theirs. Assemblies the platform itself provides at our version or later (System.Text.Json,
/// System.Memory… from the netstandard2.0 build) are left to the default context, so that types such as Span&lt;T&gt;
/// stay the runtime's. This assembly is netstandard2.0, which has no AssemblyLoadContext type: hence reflection.
/// </para>
/// <para>
/// Without a context of our own (Windows PowerShell 5.1, or a host that loaded the module's assemblies directly) the
/// subfolder is only searched when a name is not found elsewhere (AppDomain.AssemblyResolve), so an AWSSDK.Core loaded
/// before ours is used by our S3 store too, with whatever that version does.
/// </para>
/// </summary>
internal static class S3Assemblies
{
    public const string FolderName = "S3";
    private static readonly object Gate = new();
    private static bool _loaded;

    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_loaded) return;
            var own = typeof(S3Assemblies).Assembly;
            var folder = ModuleS3Folder(own);
            if (!File.Exists(Path.Combine(folder, "FtpLite.Storage.S3.dll")))
                throw new FileNotFoundException($"The S3 store is not installed with this module: '{folder}' has no FtpLite.Storage.S3.dll.");

            if (!LoadIntoOwnContext(own, folder)) AppDomain.CurrentDomain.AssemblyResolve += (_, args) => FromFolder(folder, args.Name);
            _loaded = true;
        }
    }

    /// <summary>
    /// The S3 subfolder of the module folder. On PowerShell 7 for linux-x64 this assembly is the ReadyToRun copy in the
    /// module's linux-x64 subfolder (FtpLite.psm1), and S3 sits one level up, beside the portable assemblies.
    /// </summary>
    private static string ModuleS3Folder(Assembly own)
    {
        var folder = Path.GetDirectoryName(own.Location) ?? ".";
        var beside = Path.Combine(folder, FolderName);
        if (Directory.Exists(beside)) return beside;
        var parent = Path.GetDirectoryName(folder);
        return parent is not null && Directory.Exists(Path.Combine(parent, FolderName)) ? Path.Combine(parent, FolderName) : beside;
    }

    /// <summary>False when this assembly is in the default context, or the runtime has no load contexts.</summary>
    private static bool LoadIntoOwnContext(Assembly own, string folder)
    {
        var contextType = Type.GetType("System.Runtime.Loader.AssemblyLoadContext");
        if (contextType is null) return false;
        var context = contextType.GetMethod("GetLoadContext", new[] { typeof(Assembly) })?.Invoke(null, new object[] { own });
        var defaultContext = contextType.GetProperty("Default")?.GetValue(null);
        var load = contextType.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) });
        if (context is null || load is null || ReferenceEquals(context, defaultContext)) return false;

        var platform = PlatformAssemblies();
        foreach (var file in Directory.GetFiles(folder, "*.dll"))
        {
            var name = AssemblyName.GetAssemblyName(file);
            if (platform.TryGetValue(name.Name ?? string.Empty, out var path) && AssemblyName.GetAssemblyName(path).Version >= name.Version) continue;
            load.Invoke(context, new object[] { file });
        }
        return true;
    }

    /// <summary>The runtime's and the host's own assemblies (name → file), which the default context loads.</summary>
    private static Dictionary<string, string> PlatformAssemblies()
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
        foreach (var path in list.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
            names[Path.GetFileNameWithoutExtension(path)] = path;
        return names;
    }

    private static Assembly? FromFolder(string folder, string fullName)
    {
        var file = Path.Combine(folder, new AssemblyName(fullName).Name + ".dll");
        return File.Exists(file) ? Assembly.LoadFrom(file) : null;
    }
}
