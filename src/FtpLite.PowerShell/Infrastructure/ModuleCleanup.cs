using System.Management.Automation;

namespace FtpLite.PowerShell.Infrastructure;

/// <summary>Remove-Module stops the servers and closes the client sessions the removing session started, so none outlives the module.</summary>
public sealed class ModuleCleanup : IModuleAssemblyCleanup
{
    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        var owner = ServerRegistry.CurrentOwner;
        SessionRegistry.CloseAll(owner == Guid.Empty ? null : owner);
        ServerRegistry.StopAll(owner == Guid.Empty ? null : owner, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10));
    }
}
