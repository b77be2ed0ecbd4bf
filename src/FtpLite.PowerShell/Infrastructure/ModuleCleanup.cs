using System.Globalization;
using System.Management.Automation;

namespace FtpLite.PowerShell.Infrastructure;

/// <summary>
/// Removing the module stops the servers and closes the client sessions the removing session started, so none
/// outlives the module; FtpLite.psm1 calls <see cref="StopOwned"/> and shows its message as a warning.
/// </summary>
/// <remarks>
/// Import-Module -Force is Remove-Module then Import-Module, so it stops them too. We warn rather than keep them:
/// Remove-Module must not leave listening sockets behind, PowerShell does not tell a module's OnRemove whether an import
/// follows, and a server kept across a re-import would belong to code the user just asked to replace. What a user must
/// not meet is a server gone without a word, so the warning names what was stopped.
/// </remarks>
public sealed class ModuleCleanup : IModuleAssemblyCleanup
{
    // PowerShell calls this only when the assembly was imported on its own (Import-Module ./FtpLite.PowerShell.dll);
    // through the manifest, the root module is FtpLite.psm1 and its OnRemove calls StopOwned instead.
    public void OnRemove(PSModuleInfo psModuleInfo) => StopOwned();

    /// <summary>
    /// Stops the calling session's servers and closes its client sessions; returns a sentence naming what was stopped,
    /// or null when nothing was running.
    /// </summary>
    public static string? StopOwned()
    {
        var owner = ServerRegistry.CurrentOwner;
        var sessions = SessionRegistry.CloseAll(owner == Guid.Empty ? null : owner);
        var servers = ServerRegistry.StopAll(owner == Guid.Empty ? null : owner, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10));
        return Describe(servers.Select(s => s.Name).ToArray(), sessions);
    }

    private static string? Describe(string[] servers, int sessions)
    {
        if (servers.Length == 0 && sessions == 0) return null;
        var parts = new List<string>();
        if (servers.Length > 0)
        {
            parts.Add(string.Format(CultureInfo.InvariantCulture, "stopped {0} {1} ({2})",
                servers.Length, servers.Length == 1 ? "server" : "servers", string.Join(", ", servers)));
        }
        if (sessions > 0)
        {
            parts.Add(string.Format(CultureInfo.InvariantCulture, "closed {0} client {1}", sessions, sessions == 1 ? "session" : "sessions"));
        }
        return "Removing the FtpLite module " + string.Join(" and ", parts) +
            ": they belonged to the module being removed (Remove-Module, or Import-Module -Force). Start or connect them again to go on.";
    }
}
