using System.Management.Automation;
using FtpLite.Client;
using FtpLite.PowerShell.Infrastructure;

namespace FtpLite.PowerShell.Commands;

/// <summary>Disconnect-FtpLite: says goodbye (QUIT) and closes sessions; the default session when none is given.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "FtpLite")]
[OutputType(typeof(void))]
public sealed class DisconnectFtpLiteCommand : FtpLiteCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public FtpLiteSession[]? Session { get; set; }

    protected override void ProcessRecord()
    {
        var sessions = Session ?? (SessionRegistry.Default is { } current ? new[] { current } : null);
        if (sessions is null)
        {
            WriteFtpError("There is no default FtpLite session to disconnect.", ErrorIds.SessionNotFound, ErrorCategory.ObjectNotFound, null);
            return;
        }
        foreach (var session in sessions)
        {
            SessionRegistry.Remove(session);
            // Disconnecting a closed session is not an error: the wanted state holds.
            try
            {
                RunAsync((_, token) => session.Client.DisconnectAsync(token));
            }
            catch (FtpException)
            {
                // Closed either way.
            }
            WriteVerbose($"Disconnected from {session.Url}.");
        }
    }
}
