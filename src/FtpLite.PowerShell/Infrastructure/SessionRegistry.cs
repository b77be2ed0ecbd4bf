using System.Management.Automation.Runspaces;
using FtpLite.Client;

namespace FtpLite.PowerShell.Infrastructure;

/// <summary>
/// The sessions Connect-FtpLite opened, and each runspace's default one (the newest connection; after a Disconnect,
/// the newest one still connected), so that client cmdlets without -Session or -Server use it. Sessions close with
/// the runspace or when the module is removed.
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

    /// <summary>The calling runspace's sessions, oldest first.</summary>
    public static IReadOnlyList<FtpLiteSession> OfCurrentRunspace
    {
        get
        {
            var owner = ServerRegistry.CurrentOwner;
            lock (Gate) return Sessions.Where(s => s.Owner == owner).ToArray();
        }
    }

    public static bool IsDefault(FtpLiteSession session)
    {
        lock (Gate) return Defaults.TryGetValue(session.Owner, out var current) && current == session;
    }

    /// <summary>
    /// Forgets a session (it was disconnected). When it was its runspace's default, the newest of that runspace's
    /// sessions that is still connected becomes the default, as the user would expect after closing the newest.
    /// </summary>
    public static void Remove(FtpLiteSession session)
    {
        FtpLiteSession[] candidates;
        lock (Gate)
        {
            Sessions.Remove(session);
            if (!Defaults.TryGetValue(session.Owner, out var current) || current != session) return;
            Defaults.Remove(session.Owner);
            candidates = Sessions.Where(s => s.Owner == session.Owner).Reverse().ToArray();
        }
        // Checked outside the lock: a check may talk to the server.
        var next = candidates.FirstOrDefault(s => s.IsConnected);
        if (next is null) return;
        lock (Gate)
        {
            if (Sessions.Contains(next) && !Defaults.ContainsKey(session.Owner)) Defaults[session.Owner] = next;
        }
    }

    /// <summary>Closes the sessions of one runspace (or, with null, of all), without waiting for the servers' goodbyes; returns how many.</summary>
    public static int CloseAll(Guid? owner)
    {
        FtpLiteSession[] closing;
        lock (Gate)
        {
            closing = Sessions.Where(s => owner is null || s.Owner == owner).ToArray();
            // All of the owner's sessions go: no default to fall back to, and no server to ask.
            foreach (var session in closing)
            {
                Sessions.Remove(session);
                if (Defaults.TryGetValue(session.Owner, out var current) && current == session) Defaults.Remove(session.Owner);
            }
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
