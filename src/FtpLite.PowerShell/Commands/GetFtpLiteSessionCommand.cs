using System.Management.Automation;
using FtpLite.PowerShell.Infrastructure;

namespace FtpLite.PowerShell.Commands;

/// <summary>
/// Get-FtpLiteSession: the sessions Connect-FtpLite opened in this PowerShell session (runspace) and that were not
/// disconnected, oldest first, as Get-PSSession lists New-PSSession's; by id, or by server name (wildcards).
/// </summary>
[Cmdlet(VerbsCommon.Get, "FtpLiteSession", DefaultParameterSetName = ServerSet)]
[OutputType(typeof(FtpLiteSession))]
public sealed class GetFtpLiteSessionCommand : FtpLiteCmdlet
{
    private const string ServerSet = "Server";
    private const string IdSet = "Id";

    /// <summary>Host names or addresses as they were given to Connect-FtpLite; wildcards allowed.</summary>
    [Parameter(ParameterSetName = ServerSet, Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Server { get; set; }

    [Parameter(ParameterSetName = IdSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public int[] Id { get; set; } = Array.Empty<int>();

    protected override void ProcessRecord()
    {
        var sessions = SessionRegistry.OfCurrentRunspace;
        if (ParameterSetName == IdSet)
        {
            foreach (var id in Id)
            {
                var found = sessions.FirstOrDefault(s => s.Id == id);
                if (found is null) WriteFtpError($"This PowerShell session has no FtpLite session with the id {id}.", ErrorIds.SessionNotFound, ErrorCategory.ObjectNotFound, id);
                else WriteObject(found);
            }
            return;
        }
        if (Server is null)
        {
            WriteObject(sessions, enumerateCollection: true);
            return;
        }
        foreach (var name in Server)
        {
            var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
            var matched = sessions.Where(s => pattern.IsMatch(s.Server)).ToArray();
            // A plain name that matches nothing is an error; a wildcard matching nothing is not (as with Get-PSSession).
            if (matched.Length == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
                WriteFtpError($"This PowerShell session has no FtpLite session to '{name}'.", ErrorIds.SessionNotFound, ErrorCategory.ObjectNotFound, name);
            WriteObject(matched, enumerateCollection: true);
        }
    }
}
