#if NET
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace FtpLite.Server;

/// <summary>
/// Waits for commands on plain control connections (Linux x64) on one thread of FtpLite's own, blocked in epoll, and
/// continues the waiting session right there. The runtime's socket engine hands every completion from its thread to a
/// pool thread; a login is five such hand-overs, each a wake-up of one more thread, which a loaded machine makes slow.
/// Only a control connection's wait for its next command comes here: never a data connection, a TLS stream or a
/// store's HTTP connection, whose continuations keep running on the pool. That thread is no pool thread, so a session
/// moves everything but light verbs to the pool before running it (FtpSession.OnSocketThread), as on the accept thread.
/// Elsewhere <see cref="Shared"/> is null and sessions wait as the runtime's sockets do.
/// </summary>
internal sealed class ControlReadiness
{
    private const int EpollCloexec = 0x80000;
    private const int CtlAdd = 1;
    private const int CtlMod = 3;
    private const uint EpollIn = 0x001;
    private const uint EpollRdHup = 0x2000;
    private const uint EpollOneShot = 1u << 30;
    private const int Eintr = 4;
    private const int Enoent = 2;

    private static readonly Lazy<ControlReadiness?> Instance = new(Create);
    private static long s_lastKey;

    private readonly int _epoll;
    private readonly ConcurrentDictionary<ulong, Waiter> _waiting = new();

    private ControlReadiness(int epoll) => _epoll = epoll;

    /// <summary>The process's one instance, or null where epoll is not used (another system, or epoll failed).</summary>
    public static ControlReadiness? Shared => Instance.Value;

    /// <summary>A key for one connection's waits, unique in the process (sessions of every server share the thread).</summary>
    public static ulong NewKey() => (ulong)Interlocked.Increment(ref s_lastKey);

    /// <summary>
    /// Completes when <paramref name="socket"/> has bytes to read, has ended or failed: the next receive then completes
    /// at once, on the waiting thread. Completes at once when the socket cannot be watched (the caller's receive then
    /// waits as usual). Cancelled when <paramref name="cancellationToken"/> is, on a pool thread.
    /// </summary>
    public Task WaitAsync(Socket socket, ulong key, ref bool registered, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
        var waiter = new Waiter(this, key);
        _waiting[key] = waiter;
        // Watched before the arming: once armed, bytes already there complete the wait at once, on the readiness thread.
        if (cancellationToken.CanBeCanceled) waiter.Watch(cancellationToken);
        if (Arm(socket, key, ref registered)) return waiter.Task;
        waiter.Abandon();
        return Task.CompletedTask; // Not watched: the receive that follows waits as usual, or says the socket is closed.
    }

    private bool Arm(Socket socket, ulong key, ref bool registered)
    {
        // Held while epoll sees the descriptor: a socket closed meanwhile cannot hand its number to another one.
        var handle = socket.SafeHandle;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var fd = (int)handle.DangerousGetHandle();
            // Level-triggered and one-shot: bytes that came before the arming wake it at once; then it waits to be re-armed.
            var watch = new EpollEvent { Events = EpollIn | EpollRdHup | EpollOneShot, Data = key };
            var result = epoll_ctl(_epoll, registered ? CtlMod : CtlAdd, fd, ref watch);
            if (result != 0 && registered && Marshal.GetLastPInvokeError() == Enoent) result = epoll_ctl(_epoll, CtlAdd, fd, ref watch);
            registered |= result == 0;
            return result == 0;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }

    private static ControlReadiness? Create()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64) return null; // The event layout below is x64's.
        try
        {
            var epoll = epoll_create1(EpollCloexec);
            if (epoll < 0) return null;
            var readiness = new ControlReadiness(epoll);
            new Thread(readiness.Run) { IsBackground = true, Name = "FtpLite control" }.Start();
            return readiness;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    private void Run()
    {
        var events = new EpollEvent[64];
        while (true)
        {
            var count = epoll_wait(_epoll, events, events.Length, -1);
            if (count < 0)
            {
                if (Marshal.GetLastPInvokeError() != Eintr) Thread.Sleep(10); // Not expected; never a busy loop.
                continue;
            }
            for (var i = 0; i < count; i++)
            {
                if (_waiting.TryRemove(events[i].Data, out var waiter)) waiter.Ready();
            }
        }
    }

    /// <summary>One wait: completed on the readiness thread, where the session's continuation then runs.</summary>
    private sealed class Waiter : TaskCompletionSource<bool>
    {
        private readonly ControlReadiness _owner;
        private readonly ulong _key;
        private CancellationTokenRegistration _registration;

        public Waiter(ControlReadiness owner, ulong key)
        {
            _owner = owner;
            _key = key;
        }

        public void Watch(CancellationToken token) =>
            _registration = token.UnsafeRegister(static state => ((Waiter)state!).Cancelled(), this);

        /// <summary>Never armed: forgotten, so that neither a late event nor the token completes it.</summary>
        public void Abandon()
        {
            _registration.Unregister();
            _owner._waiting.TryRemove(new KeyValuePair<ulong, Waiter>(_key, this));
        }

        public void Ready()
        {
            _registration.Unregister(); // Unregister, not Dispose: Dispose waits for a callback running elsewhere.
            try
            {
                TrySetResult(true);
            }
            catch (Exception)
            {
                // A session's continuation keeps its own exceptions; nothing may end this thread.
            }
        }

        private void Cancelled()
        {
            _owner._waiting.TryRemove(new KeyValuePair<ulong, Waiter>(_key, this));
            // On the pool: the canceller (Abort, say) must not run the session's end inside its Cancel.
            ThreadPool.UnsafeQueueUserWorkItem(static waiter => waiter.TrySetCanceled(), this, preferLocal: false);
        }
    }

    // struct epoll_event is packed on x64: 4 bytes of events, then 8 of data.
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct EpollEvent
    {
        public uint Events;
        public ulong Data;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int epoll_create1(int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int epoll_ctl(int epfd, int op, int fd, ref EpollEvent ev);

    [DllImport("libc", SetLastError = true)]
    private static extern int epoll_wait(int epfd, [Out] EpollEvent[] events, int maxevents, int timeout);
}
#endif
