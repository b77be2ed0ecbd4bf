using System.Net;
using System.Net.Sockets;
using System.Text;
using FtpLite.Protocol;

namespace FtpLite.Client;

/// <summary>
/// The control connection: writes command lines and reads whole replies, each under a timeout.
/// Once a read or write fails half-way (timeout, cancellation, reset) the reply stream can no longer be trusted,
/// so the channel closes itself rather than let a late reply answer the next command (FluentFTP #673).
/// </summary>
internal sealed class FtpControlChannel : IDisposable
{
    /// <summary>Stale replies drained before a command, at most: more means the server is talking to itself.</summary>
    private const int MaxStaleReplies = 16;

    private static readonly Encoding Text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private readonly Socket _socket;
    private readonly TimeSpan _timeout;
    private readonly int _maxLineLength;
    private Stream _stream;
    private FtpReplyReader _reader;
    private int _closed;
    private TlsSessionNames.Lease? _tlsName;

    private FtpControlChannel(Socket socket, FtpClientOptions options)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _maxLineLength = options.MaxReplyLineLength;
        _reader = new FtpReplyReader(_stream, _maxLineLength);
        _timeout = options.CommandTimeout;
        RemoteEndPoint = (IPEndPoint)socket.RemoteEndPoint!;
    }

    public IPEndPoint RemoteEndPoint { get; }

    public bool IsOpen => Volatile.Read(ref _closed) == 0;

    /// <summary>
    /// True when the server has written or closed without being asked: an idle control connection has nothing to read,
    /// so a readable socket means a reply nobody asked for (421 on shutdown) or the end of the stream. Costs no traffic.
    /// </summary>
    public bool HasUnaskedInput
    {
        get
        {
            if (!IsOpen) return false;
            if (_reader.HasBufferedData) return true;
            try
            {
                return _socket.Poll(0, SelectMode.SelectRead);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return true;
            }
        }
    }

    /// <summary>True once the connection speaks TLS.</summary>
    public bool IsTls { get; private set; }

    /// <summary>The host name this connection's TLS handshake used; data connections use the same to resume its session.</summary>
    public string TlsHost => _tlsName?.Name ?? throw new InvalidOperationException("The control connection does not speak TLS.");

    /// <summary>
    /// Switches to TLS: after AUTH TLS's 234, or at once for implicit FTPS. Bytes the server sent after its 234 would
    /// be read as if they came over TLS (the STARTTLS injection), so they end the connection instead.
    /// </summary>
    public async Task StartTlsAsync(FtpClientOptions options, CancellationToken cancellationToken)
    {
        EnsureOpen();
        if (_reader.HasBufferedData)
        {
            Close();
            throw new FtpException(FtpErrorKind.ProtocolError, "The server sent more text before the TLS handshake; the connection was closed rather than trust it.");
        }
        _tlsName = TlsSessionNames.Acquire(options.TlsTargetHost);
        try
        {
            _stream = await ClientTls.AuthenticateAsync(_stream, _tlsName.Name, options, "on the control connection", cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Close();
            throw;
        }
        _reader = new FtpReplyReader(_stream, _maxLineLength);
        IsTls = true;
    }

    /// <summary>Resolves the host and connects to the first address that answers, within the connect timeout.</summary>
    public static async Task<FtpControlChannel> ConnectAsync(FtpClientOptions options, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        if (IPAddress.TryParse(options.Host, out var literal))
        {
            addresses = new[] { literal };
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(options.Host).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                throw new FtpException(FtpErrorKind.ConnectionFailed, $"Could not resolve '{options.Host}': {e.Message}", null, e);
            }
            cancellationToken.ThrowIfCancellationRequested();
        }

        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            using var scope = new TimeoutScope(options.ConnectTimeout, socket.Dispose, cancellationToken);
            try
            {
                await socket.ConnectAsync(address, options.Port).ConfigureAwait(false);
                socket.NoDelay = true; // Commands are small and wait for replies: no Nagle delay.
                return new FtpControlChannel(socket, options);
            }
            catch (Exception e) when (scope.Fired)
            {
                socket.Dispose();
                throw scope.Translate(e, $"Connecting to {options.Host}:{options.Port}");
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                socket.Dispose();
                last = e;
            }
        }
        throw new FtpException(FtpErrorKind.ConnectionFailed,
            $"Could not connect to {options.Host}:{options.Port}: {last?.Message ?? "the name has no address"}", null, last);
    }

    /// <summary>Sends one command line. Replies that arrived unasked (a 421 before closing) are read first.</summary>
    public async Task WriteLineAsync(string line, CancellationToken cancellationToken)
    {
        if (FtpClientOptions.ContainsLineBreak(line)) throw new ArgumentException("A command cannot contain a line break.", nameof(line));
        EnsureOpen();
        await DrainStaleRepliesAsync(cancellationToken).ConfigureAwait(false);
        var bytes = Text.GetBytes(line + "\r\n");
        using var scope = new TimeoutScope(_timeout, Close, cancellationToken);
        try
        {
            await _stream.WriteAsync(bytes, 0, bytes.Length, scope.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (scope.Fired)
        {
            throw scope.Translate(e, "Sending " + Verb(line));
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            Close();
            throw new FtpException(FtpErrorKind.ConnectionLost, $"The control connection was lost sending {Verb(line)}: {e.Message}", null, e);
        }
    }

    /// <summary>Reads the next whole reply, within the reply timeout.</summary>
    public async Task<FtpReply> ReadReplyAsync(CancellationToken cancellationToken)
    {
        EnsureOpen();
        using var scope = new TimeoutScope(_timeout, Close, cancellationToken);
        try
        {
            return await _reader.ReadReplyAsync(scope.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (scope.Fired)
        {
            Close();
            throw scope.Translate(e, "Waiting for the server's reply");
        }
        catch (FtpException)
        {
            Close();
            throw;
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            Close();
            throw new FtpException(FtpErrorKind.ConnectionLost, "The control connection was lost: " + e.Message, null, e);
        }
    }

    /// <summary>Closes the connection at once; pending calls end with a lost-connection error.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        _stream.Dispose();
        _tlsName?.Dispose();
    }

    public void Dispose() => Close();

    private async Task DrainStaleRepliesAsync(CancellationToken cancellationToken)
    {
        // Under TLS, unread socket bytes may be no reply at all (TLS 1.3 session tickets): only decrypted text counts.
        for (var i = 0; i < MaxStaleReplies && (_reader.HasBufferedData || (!IsTls && SafeAvailable() > 0)); i++)
        {
            var stale = await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
            if (stale.Code == 421)
            {
                Close();
                throw new FtpException(FtpErrorKind.ConnectionLost, $"The server closed the session: {stale.Code} {stale.Message}", stale);
            }
        }
    }

    private int SafeAvailable()
    {
        try
        {
            return _socket.Available;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return 0;
        }
    }

    private void EnsureOpen()
    {
        if (!IsOpen) throw new FtpException(FtpErrorKind.ConnectionLost, "The control connection is closed.");
    }

    private static string Verb(string line)
    {
        var space = line.IndexOf(' ');
        return space < 0 ? line : line.Substring(0, space);
    }
}
