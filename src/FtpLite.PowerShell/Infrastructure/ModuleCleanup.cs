using System.Management.Automation;

namespace FtpLite.PowerShell.Infrastructure;

/// <summary>Remove-Module stops the servers the removing session started, so none outlives the module.</summary>
public sealed class ModuleCleanup : IModuleAssemblyCleanup
{
    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        var owner = ServerRegistry.CurrentOwner;
        ServerRegistry.StopAll(owner == Guid.Empty ? null : owner, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10));
    }
}
