using System.Management.Automation;
using FtpLite.PowerShell.Arguments;
using FtpLite.PowerShell.Infrastructure;

namespace FtpLite.PowerShell.Commands;

/// <summary>
/// Stop-FtpLiteServer: stops servers given as objects (from the pipeline), by name or by id. Each stop closes the
/// listener, says 421 to connected clients and waits a few seconds for running transfers before cutting them off.
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "FtpLiteServer", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(FtpLiteServer))]
public sealed class StopFtpLiteServerCommand : FtpLiteCmdlet
{
    private const string InputObjectSet = "InputObject";
    private const string NameSet = "Name";
    private const string IdSet = "Id";

    // Not positional: a server object would otherwise bind to -Name through its ToString().
    [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    public FtpLiteServer[] InputObject { get; set; } = Array.Empty<FtpLiteServer>();

    [Parameter(ParameterSetName = NameSet, Mandatory = true, Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ServerCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = IdSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ServerCompleter))]
    public int[] Id { get; set; } = Array.Empty<int>();

    /// <summary>Writes each stopped server to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var servers = ParameterSetName switch
        {
            IdSet => ServerLookup.ById(Id, id => NotFound($"No running server has the id {id}.", id)),
            NameSet => ServerLookup.ByName(Name, name => NotFound($"No running server is named '{name}'.", name)),
            _ => InputObject,
        };
        foreach (var server in servers) Stop(server);
    }

    private void Stop(FtpLiteServer server)
    {
        // Stopping a stopped server is not an error (as with Stop-Job): the wanted state holds.
        if (server.IsRunning)
        {
            if (!ShouldProcess($"{server.Name} ({server.Url})")) return;
            try
            {
                RunAsync((_, _) => server.StopAsync(ServerRegistry.StopGrace));
            }
            catch (Exception e) when (e is not PipelineStoppedException)
            {
                WriteFtpError(e, ErrorIds.ServerStopFailed, server, message: $"Stopping '{server.Name}' failed: {e.Message}");
                return;
            }
            finally
            {
                ServerRegistry.Remove(server);
            }
            WriteVerbose($"Stopped '{server.Name}' ({server.Url}).");
        }
        if (PassThru) WriteObject(server);
    }

    private void NotFound(string message, object target) =>
        WriteFtpError(message, ErrorIds.ServerNotFound, ErrorCategory.ObjectNotFound, target);
}
