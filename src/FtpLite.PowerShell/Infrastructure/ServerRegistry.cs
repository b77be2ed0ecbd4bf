using System.Management.Automation.Runspaces;
using FtpLite.Server;

namespace FtpLite.PowerShell.Infrastructure;

/// <summary>
/// The servers this module started in this process. Each belongs to the runspace that started it: the cmdlets of a
/// session see its own servers (as Get-Job does), and a session's servers stop when it removes the module or closes,
/// so a parallel runspace (a thread job, a test) never stops another's server.
/// </summary>
internal static class ServerRegistry
{
    private static readonly object Gate = new();
    private static readonly List<FtpLiteServer> Servers = new();
    private static readonly HashSet<Guid> WatchedRunspaces = new();
    private static int _lastId;

    /// <summary>The calling pipeline thread's runspace, or <see cref="Guid.Empty"/> outside one.</summary>
    public static Guid CurrentOwner => Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty;

    /// <summary>
    /// Starts <paramref name="server"/> and registers it under <paramref name="name"/> (or the next free "FtpLiteN").
    /// Returns null, without starting it, when the name is taken. Socket errors of the start propagate.
    /// </summary>
    public static FtpLiteServer? StartAndRegister(FtpServer server, string? name)
    {
        var runspace = Runspace.DefaultRunspace;
        var owner = runspace?.InstanceId ?? Guid.Empty;
        FtpLiteServer entry;
        lock (Gate)
        {
            // Held across the start so that two sessions cannot race for a name; a bind takes milliseconds.
            if (name is not null && IsTaken(owner, name)) return null;
            var id = _lastId + 1;
            server.Start();
            _lastId = id;
            entry = new FtpLiteServer(id, name ?? FreeDefaultName(owner, id), server, owner);
            Servers.Add(entry);
            if (runspace is not null && WatchedRunspaces.Add(owner)) runspace.StateChanged += OnRunspaceStateChanged;
        }
        // However the server stops (a cmdlet, Remove-Module, the runspace closing), it leaves the list.
        entry.Completion.ContinueWith(_ => Remove(entry), TaskScheduler.Default);
        return entry;
    }

    /// <summary>The running servers of the calling session, by id.</summary>
    public static IReadOnlyList<FtpLiteServer> OwnedByCurrent()
    {
        var owner = CurrentOwner;
        lock (Gate)
        {
            return Servers.Where(s => s.Owner == owner && s.IsRunning).OrderBy(s => s.Id).ToArray();
        }
    }

    /// <summary>How long a stopping server waits for its sessions to finish, and how long a cmdlet waits for the stop.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Stops one server and waits for it (bounded); throws what the stop threw.</summary>
    public static void Stop(FtpLiteServer server)
    {
        try
        {
            server.StopAsync(StopGrace).Wait(StopTimeout);
        }
        finally
        {
            Remove(server);
        }
    }

    public static void Remove(FtpLiteServer server)
    {
        lock (Gate) Servers.Remove(server);
    }

    /// <summary>Stops the servers of one session (or, with null, of every session), waiting at most <paramref name="timeout"/>; returns them.</summary>
    public static IReadOnlyList<FtpLiteServer> StopAll(Guid? owner, TimeSpan grace, TimeSpan timeout)
    {
        FtpLiteServer[] servers;
        lock (Gate)
        {
            servers = Servers.Where(s => owner is null || s.Owner == owner).ToArray();
        }
        if (servers.Length == 0) return servers;
        var stops = servers.Select(s => s.StopAsync(grace)).ToArray();
        try
        {
            Task.WaitAll(stops, timeout);
        }
        catch (AggregateException)
        {
            // A server that failed to stop cleanly has still closed its listener; nothing more can be done on unload.
        }
        foreach (var server in servers) Remove(server);
        return servers;
    }

    private static bool IsTaken(Guid owner, string name) =>
        Servers.Any(s => s.Owner == owner && s.IsRunning && string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    private static string FreeDefaultName(Guid owner, int id)
    {
        var name = "FtpLite" + id;
        // Only a user who named a server "FtpLiteN" by hand gets here; one suffix per server of the session at most.
        for (var suffix = 2; IsTaken(owner, name); suffix++) name = "FtpLite" + id + "-" + suffix;
        return name;
    }

    private static void OnRunspaceStateChanged(object? sender, RunspaceStateEventArgs e)
    {
        var state = e.RunspaceStateInfo.State;
        if (sender is not Runspace runspace || (state != RunspaceState.Closing && state != RunspaceState.Closed && state != RunspaceState.Broken)) return;
        lock (Gate)
        {
            if (!WatchedRunspaces.Remove(runspace.InstanceId)) return;
        }
        runspace.StateChanged -= OnRunspaceStateChanged;
        StopAll(runspace.InstanceId, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));
    }
}
