using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using FtpLite.Server.Data;
using FtpLite.Storage;

namespace FtpLite.Server;

/// <summary>
/// An FTP server: one listening socket, an asynchronous accept loop, one <see cref="FtpSession"/> task per client
/// (no thread per client), a heartbeat that closes idle and stalled sessions, and a clean stop.
/// </summary>
public sealed class FtpServer : IDisposable
{
    private readonly ConcurrentDictionary<long, FtpSession> _sessions = new();
    private readonly ConcurrentDictionary<string, IFileStore> _stores = new(StringComparer.Ordinal);
    private readonly Dictionary<IPAddress, int> _sessionsPerAddress = new();
    private readonly object _admission = new();
    private readonly TaskCompletionSource<bool> _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TcpListener? _listener;
    private TcpListener? _implicitListener;
    private Timer? _heartbeat;
    private Timer? _sweep;
    private int _sweeping;
    private Task? _acceptLoop;
    private Task? _implicitAcceptLoop;
    private long _lastSessionId;
    private int _state; // 0 new, 1 running, 2 stopping or stopped

    public FtpServer(FtpServerOptions options)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Options.Validate();
        RootPath = Path.GetFullPath(options.Root);
        LoginThrottle = new LoginThrottle(options.MaxFailedLoginsPerAddress, options.FailedLoginWindow, options.UtcNow);
    }

    public FtpServerOptions Options { get; }

    /// <summary>The served folder, as a full path (with <see cref="FtpServerOptions.Store"/> set: the local folder's, else unused).</summary>
    public string RootPath { get; }

    /// <summary>What the server serves, for people: the local folder's full path, or the store's own description (its ToString()).</summary>
    public string Serving => Options.Store switch
    {
        null => RootPath,
        LocalFileStore local => local.RootPath,
        var store => store.ToString() ?? store.GetType().Name,
    };

    public FtpServerStatistics Statistics { get; } = new();

    /// <summary>When the server started listening.</summary>
    public DateTimeOffset StartTime { get; private set; }

    /// <summary>True from <see cref="Start"/> until <see cref="StopAsync"/> begins.</summary>
    public bool IsRunning => Volatile.Read(ref _state) == 1;

    /// <summary>The endpoint the server listens on; with port 0 asked for, the port the system picked.</summary>
    public IPEndPoint EndPoint =>
        (IPEndPoint?)_listener?.LocalEndpoint ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>The implicit-TLS endpoint, or null when <see cref="FtpServerOptions.ImplicitTlsPort"/> is not set.</summary>
    public IPEndPoint? ImplicitTlsEndPoint => (IPEndPoint?)_implicitListener?.LocalEndpoint;

    /// <summary>Completes when the server has stopped and every session has ended.</summary>
    public Task Completion => _stopped.Task;

    /// <summary>Sessions connected now.</summary>
    public int SessionCount => _sessions.Count;

    /// <summary>Raised for every session, login and transfer, on the thread doing the work: a pool thread, or the server's accept thread (a session's start). Keep handlers quick: a slow one delays that work.</summary>
    public event EventHandler<FtpServerEventArgs>? Activity;

    /// <summary>Binds the control port and starts accepting clients. Throws <see cref="SocketException"/> when the port is taken.</summary>
    public void Start()
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0) throw new InvalidOperationException("A server starts once.");
        try
        {
            _listener = Listen(Options.Port);
            if (Options.ImplicitTlsPort is int implicitPort) _implicitListener = Listen(implicitPort);
        }
        catch
        {
            _listener?.Stop();
            Volatile.Write(ref _state, 2);
            _stopped.TrySetResult(true);
            throw;
        }
        StartTime = DateTimeOffset.UtcNow;
        _heartbeat = new Timer(_ => Heartbeat(), null, Options.HeartbeatInterval, Options.HeartbeatInterval);
        // At once (a crash's leftovers) and then now and then, on a pool thread: a large tree takes a while to walk.
        _sweep = new Timer(_ => SweepTemporaries(), null, TimeSpan.Zero, Options.TemporarySweepInterval);
        _acceptLoop = StartAcceptThread(_listener, implicitTls: false);
        if (_implicitListener is not null) _implicitAcceptLoop = StartAcceptThread(_implicitListener, implicitTls: true);
        var tls = ImplicitTlsEndPoint is null ? string.Empty : $" and {ImplicitTlsEndPoint} (implicit TLS)";
        Raise(new FtpServerEventArgs(FtpServerEventKind.ServerStarted, 0, null, null, $"listening on {EndPoint}{tls}, serving {Serving}"));
    }

    /// <summary>Stops accepting, tells every session the server is closing (421), and waits for them up to <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan? grace = null)
    {
        var previous = Interlocked.Exchange(ref _state, 2);
        if (previous == 2)
        {
            await Completion.ConfigureAwait(false);
            return;
        }
        if (previous == 0)
        {
            _stopped.TrySetResult(true);
            return;
        }
        _listener?.Stop();
        _implicitListener?.Stop();
        _heartbeat?.Dispose();
        _sweep?.Dispose();
        if (_acceptLoop is not null) await _acceptLoop.ConfigureAwait(false);
        if (_implicitAcceptLoop is not null) await _implicitAcceptLoop.ConfigureAwait(false);

        var sessions = _sessions.Values.ToArray();
        foreach (var session in sessions) session.Close("421 Server shutting down.");
        var ended = Task.WhenAll(sessions.Select(s => s.Completion));
        await Task.WhenAny(ended, Task.Delay(grace ?? TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        foreach (var session in sessions) session.Abort();
        await Task.WhenAny(ended, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);

        Raise(new FtpServerEventArgs(FtpServerEventKind.ServerStopped, 0, null, null, "stopped"));
        _stopped.TrySetResult(true);
    }

    /// <summary>Stops the server, waiting for sessions to end.</summary>
    public void Dispose() => StopAsync().GetAwaiter().GetResult();

    /// <summary>
    /// The store for an account's root (null: the server's root); one per folder, shared by its sessions. A store given
    /// in the options serves everyone (the options refuse account roots beside it).
    /// </summary>
    internal IFileStore GetStore(string? root) =>
        Options.Store ?? _stores.GetOrAdd(root is null ? RootPath : Path.GetFullPath(root), Options.StoreFactory);

    /// <summary>True when <see cref="GetStore"/> has the store at hand, without making one (which may touch the disk or the network).</summary>
    internal bool HasStore(string? root) =>
        Options.Store is not null || _stores.ContainsKey(root is null ? RootPath : Path.GetFullPath(root));

    /// <summary>Failed logins per client address, over all its sessions.</summary>
    internal LoginThrottle LoginThrottle { get; }

    /// <summary>Transfer buffers shared by all sessions.</summary>
    internal BufferPool Buffers { get; } = new(bufferSize: 256 * 1024, maxKept: 64);

    internal void Raise(FtpServerEventArgs e)
    {
        try
        {
            Activity?.Invoke(this, e);
        }
        catch (Exception)
        {
            // A faulty log handler must not take a session or the server down.
        }
    }

    private TcpListener Listen(int port)
    {
        var listener = new TcpListener(Options.ListenAddress, port);
        if (Options.ListenAddress.Equals(IPAddress.IPv6Any)) listener.Server.DualMode = true;
        listener.Start(backlog: 512);
        return listener;
    }

    /// <summary>
    /// On Linux, accepts on a thread of its own, blocked in the kernel's accept: a new client wakes that thread
    /// directly, where an asynchronous accept wakes the socket engine's thread, which hands the completion to a pool
    /// thread (one hand-over more before the greeting, on every login). The session starts on this thread and runs until
    /// its first wait; it is no pool thread, so the session moves anything that may wait to the pool (FtpSession's
    /// OnSocketThread). Stopping the listener wakes the blocked accept there (shutdown of a listening socket); elsewhere,
    /// where that is not known to hold, the accept stays asynchronous.
    /// </summary>
    private Task StartAcceptThread(TcpListener listener, bool implicitTls) =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Linux)
            ? Task.Factory.StartNew(() => AcceptLoopAsync(listener, implicitTls, blocking: true), CancellationToken.None,
                TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()
            : Task.Run(() => AcceptLoopAsync(listener, implicitTls, blocking: false));

    private async Task AcceptLoopAsync(TcpListener listener, bool implicitTls, bool blocking)
    {
        while (IsRunning)
        {
            Socket socket;
            try
            {
                // Blocking, nothing below waits, so the whole loop stays on the accept thread.
                socket = blocking ? listener.AcceptSocket() : await listener.AcceptSocketAsync().ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (SocketException) when (!IsRunning)
            {
                break;
            }
            catch (SocketException)
            {
                continue; // A client that reset before we accepted it: nothing to serve.
            }
            catch (InvalidOperationException)
            {
                break; // The listener was stopped between two accepts.
            }

            socket.NoDelay = true;
            // Clients send ABOR as TCP urgent data (Python's ftplib.abort() uses MSG_OOB); read out of line, its final
            // byte, the LF, would vanish from the stream and the command would never complete.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.OutOfBandInline, true);
            var remote = (IPEndPoint)socket.RemoteEndPoint!;
            var address = Protocol.HostPortCodec.Normalize(remote.Address);
            var refusal = Admit(address);
            if (refusal is not null)
            {
                Statistics.SessionRejected();
                Raise(new FtpServerEventArgs(FtpServerEventKind.SessionRejected, 0, remote, null, refusal));
                _ = RejectAsync(socket, refusal);
                continue;
            }

            var id = Interlocked.Increment(ref _lastSessionId);
            var session = new FtpSession(this, socket, id, implicitTls);
            _sessions[id] = session;
            Statistics.SessionStarted();
            _ = RunSessionAsync(session, address);
        }
    }

    private async Task RunSessionAsync(FtpSession session, IPAddress address)
    {
        try
        {
            await session.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            _sessions.TryRemove(session.Id, out _);
            Release(address);
            Statistics.SessionEnded();
        }
    }

    private string? Admit(IPAddress address)
    {
        lock (_admission)
        {
            if (_sessions.Count >= Options.MaxSessions) return "421 Too many connections; try again later.";
            _sessionsPerAddress.TryGetValue(address, out var count);
            if (count >= Options.MaxSessionsPerAddress) return "421 Too many connections from your address; try again later.";
            _sessionsPerAddress[address] = count + 1;
            return null;
        }
    }

    private void Release(IPAddress address)
    {
        lock (_admission)
        {
            if (_sessionsPerAddress.TryGetValue(address, out var count))
            {
                if (count <= 1) _sessionsPerAddress.Remove(address);
                else _sessionsPerAddress[address] = count - 1;
            }
        }
    }

    private static async Task RejectAsync(Socket socket, string reply)
    {
        try
        {
            var bytes = Encoding.ASCII.GetBytes(reply + "\r\n");
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            using (cancel.Token.Register(socket.Dispose))
            {
                await socket.SendAsync(new ArraySegment<byte>(bytes), SocketFlags.None).ConfigureAwait(false);
            }
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The client left first; nothing more to say to it.
        }
        finally
        {
            socket.Dispose();
        }
    }

    /// <summary>Sweeps every served folder (the server's root and each account's own) for expired upload temporaries.</summary>
    internal void SweepTemporaries()
    {
        if (Interlocked.Exchange(ref _sweeping, 1) == 1) return; // The previous sweep is still walking.
        try
        {
            foreach (var root in LocalRoots())
            {
                var removed = TempFileSweeper.Sweep(root, DateTime.UtcNow, Options.PendingUploadLifetime, Options.PendingUploadBudget);
                if (removed > 0) Raise(new FtpServerEventArgs(FtpServerEventKind.FileChanged, 0, null, null, $"removed {removed} expired upload temporaries under {root}"));
            }
        }
        catch (Exception e)
        {
            Raise(new FtpServerEventArgs(FtpServerEventKind.Error, 0, null, null, "sweeping upload temporaries failed: " + e.Message));
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    /// <summary>The local folders served: the sweep's to clean. Another store keeps its pending uploads its own way.</summary>
    private IEnumerable<string> LocalRoots()
    {
        if (Options.Store is LocalFileStore local) return new[] { local.RootPath };
        if (Options.Store is not null) return Array.Empty<string>();
        return new[] { RootPath }.Concat(Options.Users.Where(u => u.Root is not null).Select(u => Path.GetFullPath(u.Root!)))
            .Distinct(StringComparer.Ordinal);
    }

    private void Heartbeat()
    {
        var now = DateTime.UtcNow;
        foreach (var session in _sessions.Values) session.OnHeartbeat(now);
    }
}
