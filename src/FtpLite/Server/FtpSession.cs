using System.Net;
using System.Net.Sockets;
using System.Text;
using FtpLite.Protocol;
using FtpLite.Protocol.Hashing;
using FtpLite.Protocol.Listing;
using FtpLite.Server.Data;
using FtpLite.Storage;

namespace FtpLite.Server;

/// <summary>
/// One control connection. Reads command lines, dispatches them through one table, writes replies through one
/// writer. A transfer runs in the background so that ABOR, STAT and QUIT are heard while it runs; any other
/// command waits for it, so pipelined commands keep their order.
/// </summary>
internal sealed partial class FtpSession
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false);

    private readonly FtpServer _server;
    private readonly FtpServerOptions _options;
    private readonly Socket _socket;
    private readonly bool _implicitTls;
    private Stream _stream;
    private readonly NetworkStream _plainStream;
    private readonly ControlLineReader _reader;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource<bool> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastActivityTicks = DateTime.UtcNow.Ticks;

    // Session state, touched only by the command loop (and by the transfer it started, which owns its own part).
    private string? _pendingUser;
    private string? _userName;
    private FtpPermissions _permissions;
    private IFileStore? _store;
    private string _currentDirectory = VirtualPath.Root;
    private bool _binary = true;
    private long _restartOffset;
    private string? _renameFrom;
    private bool _extendedPassiveOnly;
    private FtpHashAlgorithm _hashAlgorithm = FtpHashAlgorithm.Sha256;
    private MlstFacts _mlstFacts = MlstFacts.All;
    private int _failedLogins;
    private PassiveListener? _passive;
    private IPEndPoint? _activeTarget;
    private Transfer? _transfer;
    private bool _quitRequested;

    public FtpSession(FtpServer server, Socket socket, long id, bool implicitTls)
    {
        _implicitTls = implicitTls;
        _server = server;
        _options = server.Options;
        _socket = socket;
        _stream = _plainStream = new NetworkStream(socket, ownsSocket: true);
        _reader = new ControlLineReader(_stream, _options.MaxCommandLineLength);
        Id = id;
        RemoteEndPoint = (IPEndPoint)socket.RemoteEndPoint!;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    public long Id { get; }
    public IPEndPoint RemoteEndPoint { get; }
    public IPEndPoint LocalEndPoint { get; }
    public Task Completion => _completion.Task;

    private bool LoggedIn => _store is not null;

    public async Task RunAsync()
    {
        _server.Raise(Event(FtpServerEventKind.SessionStarted, "connected"));
        try
        {
            if (_implicitTls)
            {
                if (OnSocketThread) await Task.Yield(); // A TLS handshake never runs on the socket engine's thread.
                await StartImplicitTlsAsync().ConfigureAwait(false);
            }
            await ReplyAsync(220, _options.Banner).ConfigureAwait(false);
            while (!_closing.IsCancellationRequested)
            {
                await WaitForCommandAsync().ConfigureAwait(false);
                var status = await _reader.ReadLineAsync(_closing.Token).ConfigureAwait(false);
                Touch();
                if (status == LineStatus.EndOfStream) break;
                if (status == LineStatus.TooLong)
                {
                    await ReplyAsync(500, $"Command line too long (the limit is {_options.MaxCommandLineLength} bytes).").ConfigureAwait(false);
                    continue;
                }
                if (!FtpCommandLine.TryParse(_reader.Line, out var command))
                {
                    if (_reader.Line.Trim().Length == 0) continue; // A bare CRLF: nothing to answer.
                    await ReplyAsync(500, "Syntax error, command unrecognized.").ConfigureAwait(false);
                    continue;
                }
                if (!await HandleAsync(command).ConfigureAwait(false)) break;
            }
        }
        catch (Exception e) when (IsDisconnect(e))
        {
            // The client went away or the session was closed: the normal end of a session.
        }
        catch (Exception e)
        {
            _server.Raise(Event(FtpServerEventKind.Error, "session failed: " + e.Message));
        }
        finally
        {
            await EndAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Says <paramref name="reply"/> (e.g. "421 Server shutting down.") and closes the session.</summary>
    public void Close(string reply) => _ = CloseAsync(reply);

    /// <summary>Closes the connection at once.</summary>
    public void Abort()
    {
        _closing.Cancel();
        _transfer?.Cancel(TransferEnd.SessionClosed);
        _socket.Dispose();
    }

    /// <summary>Called about once a second by the server: ends idle sessions and stalled transfers.</summary>
    public void OnHeartbeat(DateTime nowUtc)
    {
        var transfer = _transfer;
        if (transfer is not null && !transfer.IsCompleted)
        {
            if (nowUtc - transfer.LastActivity > _options.DataStallTimeout) transfer.Cancel(TransferEnd.Stalled);
            return; // A running transfer is not idle.
        }
        if (nowUtc - new DateTime(Interlocked.Read(ref _lastActivityTicks), DateTimeKind.Utc) > _options.IdleTimeout)
            Close($"421 No command for {(int)_options.IdleTimeout.TotalSeconds} seconds; closing the control connection.");
    }

    private async Task<bool> HandleAsync(FtpCommandLine command)
    {
        var transfer = _transfer;
        if (transfer is not null && !transfer.IsCompleted)
        {
            // Cancelling a transfer runs its token's callbacks (its sockets', its store's) on this thread: the pool's.
            if (OnSocketThread) await Task.Yield();
            switch (command.Verb)
            {
                case "ABOR":
                    transfer.Cancel(TransferEnd.Aborted);
                    await transfer.Task.ConfigureAwait(false);
                    await ReplyAsync(226, "ABOR successful; the transfer was aborted.").ConfigureAwait(false);
                    return true;
                case "STAT":
                    await ReplyAsync(213, $"Transfer of {transfer.Path} in progress: {transfer.Bytes} bytes so far.").ConfigureAwait(false);
                    return true;
                default:
                    await transfer.Task.ConfigureAwait(false); // Pipelined commands keep their order.
                    break;
            }
        }
        if (!CommandTable.TryGetValue(command.Verb, out var spec))
        {
            await ReplyAsync(502, $"Command '{command.Verb}' not implemented.").ConfigureAwait(false);
            return true;
        }
        if (_options.RequireTls && !_tls && !AllowedBeforeTls(command.Verb))
        {
            await ReplyAsync(530, "TLS is required: send AUTH TLS first.").ConfigureAwait(false);
            return true;
        }
        if (spec.NeedsLogin && !LoggedIn)
        {
            await ReplyAsync(530, "Please log in with USER and PASS first.").ConfigureAwait(false);
            return true;
        }
        if (spec.NeedsArgument && !command.HasArgument)
        {
            await ReplyAsync(501, $"Syntax error: {command.Verb} needs an argument.").ConfigureAwait(false);
            return true;
        }
        if (command.Verb != "RNTO") _renameFrom = null; // RNTO must follow RNFR at once (RFC 959 4.1.3).
        if (!_reader.LineIsUtf8 && command.HasArgument)
        {
            // Decoded, two different names would read alike (both "caf\uFFFD.txt") and reach one file.
            _renameFrom = null;
            await ReplyAsync(NamesPaths(command.Verb) ? 553 : 501,
                "Not valid UTF-8: names are UTF-8 here (RFC 2640); set the client's encoding to UTF-8.").ConfigureAwait(false);
            return true;
        }
        if (OnSocketThread && !LightVerbs.Contains(command.Verb)) await Task.Yield();
        var running = _transfer;
        _lastReply = null;
        try
        {
            await spec.Handler(this, command).ConfigureAwait(false);
            NoteRefusedTransfer(command, running);
            return !_quitRequested;
        }
        catch (Exception e) when (!IsControlFailure(e))
        {
            // A refusal of the store, a fault of ours or of the disk, not of the connection: this command fails, the
            // session goes on. The log hears the whole story; the client hears what happened, never where.
            // A plain refusal of the store (no such file) is no error of the server's; a platform failure is.
            var cause = e is FileStoreException refusal ? (refusal.Error == FileStoreError.NotFound ? null : refusal.InnerException) : e;
            if (cause is not null) _server.Raise(Event(FtpServerEventKind.Error, $"{command.Verb} failed: {cause.GetType().Name}: {cause.Message}"));
            var (code, text) = ErrorReplies.For(e);
            await ReplyAsync(code, text).ConfigureAwait(false);
            NoteRefusedTransfer(command, running);
            return true;
        }
    }

    /// <summary>True for failures of the control connection itself, which end the session.</summary>
    private bool IsControlFailure(Exception e) =>
        _closing.IsCancellationRequested || e is SocketException || e.InnerException is SocketException
        || e is ObjectDisposedException || e is System.Security.Authentication.AuthenticationException;

    internal async Task ReplyAsync(int code, string text)
    {
        _lastReply = new FtpReply(code, text);
        await WriteAsync(_lastReply.ToWireString()).ConfigureAwait(false);
    }

    internal async Task ReplyAsync(int code, IReadOnlyList<string> lines) => await WriteAsync(new FtpReply(code, lines).ToWireString()).ConfigureAwait(false);

    /// <summary>
    /// A multi-line reply whose inner lines come one at a time (STAT of a folder), written through one buffer under
    /// the write lock: never held whole, and ended after <paramref name="cap"/> lines with <paramref name="capped"/>.
    /// </summary>
    private async Task StreamReplyAsync(int code, string first, ListingLines lines, int cap, string last, Func<int, string> capped)
    {
        await _writeLock.WaitAsync(_closing.Token).ConfigureAwait(false);
        var buffer = _server.Buffers.Rent();
        try
        {
            var writer = new ListingWriter(_stream, buffer, transfer: null);
            var token = _closing.Token;
            await writer.WriteLineAsync(code + "-" + FtpReply.Sanitize(first), token).ConfigureAwait(false);
            var count = 0;
            var end = last;
            string? line;
            // Without a task per line while the store answers at once (a local folder always does).
            while ((line = lines.TryNext(out var ready, token) ? ready : await lines.NextAsync(token).ConfigureAwait(false)) is not null)
            {
                if (count == cap)
                {
                    end = capped(cap);
                    break;
                }
                // The leading space keeps a name that starts with digits from passing for the final line.
                await writer.WriteLineAsync(" " + FtpReply.Sanitize(line), token).ConfigureAwait(false);
                count++;
            }
            await writer.WriteLineAsync(code + " " + FtpReply.Sanitize(end), token).ConfigureAwait(false);
            await writer.FlushAsync(token).ConfigureAwait(false);
        }
        finally
        {
            _server.Buffers.Return(buffer);
            _writeLock.Release();
        }
    }

    private async Task WriteAsync(string text)
    {
        var bytes = Utf8.GetBytes(text);
        await _writeLock.WaitAsync(_closing.Token).ConfigureAwait(false);
        try
        {
#if NET
            await _stream.WriteAsync(bytes.AsMemory(), _closing.Token).ConfigureAwait(false); // A ValueTask: no Task per reply.
#else
            await _stream.WriteAsync(bytes, 0, bytes.Length, _closing.Token).ConfigureAwait(false);
#endif
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task CloseAsync(string reply)
    {
        try
        {
            var bytes = Utf8.GetBytes(reply + "\r\n");
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            if (await _writeLock.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false))
            {
                try
                {
                    await _stream.WriteAsync(bytes, 0, bytes.Length, deadline.Token).ConfigureAwait(false);
                }
                finally
                {
                    _writeLock.Release();
                }
            }
        }
        catch (Exception e) when (IsDisconnect(e))
        {
            // Closing anyway.
        }
        Abort();
    }

    private async Task EndAsync()
    {
        // A session may end on the accept or readiness thread (QUIT, the client gone): what a store does when its
        // transfer is cancelled (S3: abort the upload's parts) runs on the pool.
        if (OnSocketThread && _transfer is { IsCompleted: false }) await Task.Yield();
        _closing.Cancel();
        var transfer = _transfer;
        if (transfer is not null && !transfer.IsCompleted)
        {
            transfer.Cancel(TransferEnd.SessionClosed);
            await Task.WhenAny(transfer.Task, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        }
        _passive?.Dispose();
        _socket.Dispose();
        _server.Raise(Event(FtpServerEventKind.SessionEnded, "disconnected"));
        _completion.TrySetResult(true);
    }

#if NET
    private readonly ulong _readinessKey = ControlReadiness.NewKey();
    private bool _readinessRegistered;

    /// <summary>
    /// Waits for the next command on the readiness thread (<see cref="ControlReadiness"/>), so that the command runs
    /// where its arrival was seen, without a hand-over to the pool. Not for a TLS stream (its bytes are not the
    /// socket's), nor when part of a line is already read; then, or off Linux x64, the read below waits as usual.
    /// </summary>
    private Task WaitForCommandAsync() =>
        ControlReadiness.Shared is { } readiness && ReferenceEquals(_stream, _plainStream) && !_reader.HasBufferedData
            ? readiness.WaitAsync(_socket, _readinessKey, ref _readinessRegistered, _closing.Token)
            : Task.CompletedTask;
#else
    private static Task WaitForCommandAsync() => Task.CompletedTask;
#endif

    private void Touch() => Interlocked.Exchange(ref _lastActivityTicks, DateTime.UtcNow.Ticks);

    internal FtpServerEventArgs Event(FtpServerEventKind kind, string message) =>
        new(kind, Id, RemoteEndPoint, _userName, message);

    private static bool IsDisconnect(Exception e) =>
        e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or System.Security.Authentication.AuthenticationException;
}
