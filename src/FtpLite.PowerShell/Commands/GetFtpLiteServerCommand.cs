using System.Management.Automation;
using FtpLite.PowerShell.Arguments;
using FtpLite.PowerShell.Infrastructure;

namespace FtpLite.PowerShell.Commands;

/// <summary>Get-FtpLiteServer: the servers this session started and that are still running.</summary>
[Cmdlet(VerbsCommon.Get, "FtpLiteServer", DefaultParameterSetName = NameSet)]
[OutputType(typeof(FtpLiteServer))]
public sealed class GetFtpLiteServerCommand : FtpLiteCmdlet
{
    private const string NameSet = "Name";
    private const string IdSet = "Id";

    [Parameter(ParameterSetName = NameSet, Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ServerCompleter))]
    public string[]? Name { get; set; }

    [Parameter(ParameterSetName = IdSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ServerCompleter))]
    public int[] Id { get; set; } = Array.Empty<int>();

    protected override void ProcessRecord()
    {
        var servers = ParameterSetName == IdSet
            ? ServerLookup.ById(Id, id => NotFound($"No running server has the id {id}.", id))
            : ServerLookup.ByName(Name, name => NotFound($"No running server is named '{name}'.", name));
        WriteObject(servers, enumerateCollection: true);
    }

    private void NotFound(string message, object target) =>
        WriteFtpError(message, ErrorIds.ServerNotFound, ErrorCategory.ObjectNotFound, target);
}
