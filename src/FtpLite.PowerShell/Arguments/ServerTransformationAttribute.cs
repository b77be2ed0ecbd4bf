using System.Management.Automation;

namespace FtpLite.PowerShell.Arguments;

/// <summary>
/// Lets -Server take a server object from Start-FtpLiteServer (or Get-FtpLiteServer): it becomes its Url, which carries
/// the port, so the client's default port 21 never hides the server's own.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class ServerTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value is FtpLiteServer server ? server.Url : inputData;
    }
}
