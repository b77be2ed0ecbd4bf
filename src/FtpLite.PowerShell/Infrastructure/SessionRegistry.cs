using System.Management.Automation.Runspaces;
using FtpLite.Client;

namespace FtpLite.PowerShell.Infrastructure;

/// <summary>
/// The sessions Connect-FtpLite opened, and each runspace's default one (the newest connection), so that client
/// cmdlets without -Session or -Server use it. Sessions close with the runspace or when the module is removed.
/// </summary>
internal static class SessionRegistry
{
    private static readonly object Gate = new();
    private static readonly List<FtpLiteSession> Sessions = new();
    private static readonly Dictionary<Guid, FtpLiteSession> Defaults = new();
    private static readonly HashSet<Guid> WatchedRunspaces = new();
    private static int _lastId;

    /// <summary>Registers a connected client as the calling runspace's default session.</summary>
    public static FtpLiteSession Add(FtpClient client)
    {
        var runspace = Runspace.DefaultRunspace;
        var owner = runspace?.InstanceId ?? Guid.Empty;
        lock (Gate)
        {
            var session = new FtpLiteSession(++_lastId, client, owner);
            Sessions.Add(session);
            Defaults[owner] = session;
            if (runspace is not null && WatchedRunspaces.Add(owner)) runspace.StateChanged += OnRunspaceStateChanged;
            return session;
        }
    }

    /// <summary>The calling runspace's default session, or null.</summary>
    public static FtpLiteSession? Default
    {
        get
        {
            lock (Gate) return Defaults.TryGetValue(ServerRegistry.CurrentOwner, out var session) ? session : null;
        }
    }

    /// <summary>Forgets a session (it was disconnected); when it was its runspace's default, there is none until the next Connect.</summary>
    public static void Remove(FtpLiteSession session)
    {
        lock (Gate)
        {
            Sessions.Remove(session);
            if (Defaults.TryGetValue(session.Owner, out var current) && current == session) Defaults.Remove(session.Owner);
        }
    }

    /// <summary>Closes the sessions of one runspace (or, with null, of all), without waiting for the servers' goodbyes; returns how many.</summary>
    public static int CloseAll(Guid? owner)
    {
        FtpLiteSession[] closing;
        lock (Gate)
        {
            closing = Sessions.Where(s => owner is null || s.Owner == owner).ToArray();
            foreach (var session in closing) Remove(session);
        }
        foreach (var session in closing) session.Client.Dispose();
        return closing.Length;
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
        CloseAll(runspace.InstanceId);
    }
}
