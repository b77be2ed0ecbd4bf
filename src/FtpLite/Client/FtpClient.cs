using System.Net;
using FtpLite.Protocol;

namespace FtpLite.Client;

/// <summary>
/// An FTP client on one control connection. Connect with <see cref="ConnectAsync(FtpClientOptions, CancellationToken)"/>;
/// every operation is asynchronous and cancellable, and operations on one client run one at a time (a control connection
/// carries one command at a time), so a client may be shared but not used in parallel for speed: open more clients.
/// This file: connecting, logging in, features, raw commands, the working directory and closing.
/// </summary>
public sealed partial class FtpClient : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly FtpControlChannel _control;
    private bool _disposed;

    private FtpClient(FtpClientOptions options, FtpControlChannel control, FtpReply greeting)
    {
        Options = options;
        _control = control;
        Greeting = greeting;
    }

    public FtpClientOptions Options { get; }

    /// <summary>The server's 220 welcome.</summary>
    public FtpReply Greeting { get; }

    /// <summary>What the server announced in FEAT; <see cref="FtpFeatures.None"/> when it has no FEAT.</summary>
    public FtpFeatures Features { get; private set; } = FtpFeatures.None;

    /// <summary>The remote working directory, as PWD last said.</summary>
    public string WorkingDirectory { get; private set; } = RemotePath.Root;

    /// <summary>The control connection's peer.</summary>
    public IPEndPoint RemoteEndPoint => _control.RemoteEndPoint;

    /// <summary>False once the connection was closed, by either side or after a failure that left it unusable.</summary>
    public bool IsConnected => !_disposed && _control.IsOpen;

    /// <summary>
    /// Connects (with TLS as <see cref="FtpClientOptions.Encryption"/> asks), logs in (anonymously unless told otherwise),
    /// reads FEAT, switches UTF-8 on when offered, and sets TYPE I.
    /// </summary>
    public static async Task<FtpClient> ConnectAsync(FtpClientOptions options, CancellationToken cancellationToken = default)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        options.Validate();
        var control = await FtpControlChannel.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        try
        {
            if (options.Encryption == FtpEncryption.Implicit) await control.StartTlsAsync(options, cancellationToken).ConfigureAwait(false);
            var greeting = await ReadGreetingAsync(control, options, cancellationToken).ConfigureAwait(false);
            var client = new FtpClient(options, control, greeting);
            if (options.Encryption == FtpEncryption.Explicit) await client.AuthTlsAsync(cancellationToken).ConfigureAwait(false);
            await client.LogInAsync(cancellationToken).ConfigureAwait(false);
            if (options.Encryption != FtpEncryption.None) await client.ProtectDataConnectionsAsync(cancellationToken).ConfigureAwait(false);
            await client.NegotiateAsync(cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            control.Dispose();
            throw;
        }
    }

    /// <summary>Connects anonymously to <paramref name="host"/>.</summary>
    public static Task<FtpClient> ConnectAsync(string host, int port = 21, CancellationToken cancellationToken = default) =>
        ConnectAsync(new FtpClientOptions(host, port), cancellationToken);

    /// <summary>
    /// Sends any command and returns the server's final reply, whatever its code: nothing is thrown for a 4xx or 5xx.
    /// Commands that need a data connection (LIST, RETR …) have methods of their own.
    /// </summary>
    public Task<FtpReply> ExecuteAsync(string command, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(command)) throw new ArgumentException("Give a command.", nameof(command));
        return RunAsync(async token =>
        {
            if (command.StartsWith("TYPE", StringComparison.OrdinalIgnoreCase)) _binary = false; // Whatever it set, re-assert TYPE I before a transfer.
            var reply = await CommandAsync(command, token).ConfigureAwait(false);
            TrackProt(command, reply);
            if (reply.Code == 257) WorkingDirectory = ParseQuotedPath(reply) ?? WorkingDirectory;
            return reply;
        }, cancellationToken);
    }

    /// <summary>Asks the server (PWD) and remembers the answer.</summary>
    public Task<string> GetWorkingDirectoryAsync(CancellationToken cancellationToken = default) =>
        RunAsync(PrintWorkingDirectoryCoreAsync, cancellationToken);

    public Task ChangeDirectoryAsync(string path, CancellationToken cancellationToken = default)
    {
        CheckPath(path);
        return RunAsync(async token =>
        {
            await ExpectAsync("CWD " + path, r => r.IsSuccess, commandNamesPath: true, token).ConfigureAwait(false);
            return await PrintWorkingDirectoryCoreAsync(token).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Says goodbye (QUIT) and closes the connection. Never throws for a server that already left.</summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken = default)
    {
        if (_disposed || !_control.IsOpen)
        {
            Dispose();
            return;
        }
        try
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await CommandAsync("QUIT", cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }
        catch (FtpException)
        {
            // The server closed first or did not answer: the connection ends either way.
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>
    /// Whether the session still works, found out cheaply: <see cref="IsConnected"/> only knows what the last command
    /// saw, so a server that said 421 and hung up since still looks connected. When the server has written or closed
    /// unasked, a NOOP reads that (closing the client on 421 or a lost connection); an idle connection costs no traffic,
    /// and one busy with another operation is in use, so connected. Waits at most <paramref name="timeout"/>.
    /// </summary>
    public bool CheckConnection(TimeSpan timeout)
    {
        if (!IsConnected) return false;
        if (!_control.HasUnaskedInput || !_gate.Wait(0)) return true;
        try
        {
            using var cancel = new CancellationTokenSource(timeout);
            var noop = Task.Run(async () =>
            {
                // Under TLS the unasked 421 is not drained before the command but read as its reply.
                var reply = await CommandAsync("NOOP", cancel.Token).ConfigureAwait(false);
                if (reply.Code == 421) _control.Close();
            });
            // A server that does not answer in time is as good as gone; closing also ends the NOOP before the gate opens.
            if (!noop.Wait(timeout + timeout)) _control.Close();
        }
        catch (AggregateException)
        {
            // The channel closed itself on the way (421, reset, timeout); IsConnected now says so.
        }
        finally
        {
            _gate.Release();
        }
        return IsConnected;
    }

    /// <summary>Closes the connection without QUIT; a pending operation ends with a lost-connection error.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _control.Dispose();
    }

    private static async Task<FtpReply> ReadGreetingAsync(FtpControlChannel control, FtpClientOptions options, CancellationToken cancellationToken)
    {
        // 120 means "ready in a while"; a few of those, then the 220, are allowed.
        for (var i = 0; i < 5; i++)
        {
            var reply = await control.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
            if (reply.Code == 120) continue;
            if (reply.Code == 220) return reply;
            throw new FtpException(FtpErrorKind.ConnectionFailed,
                $"{options.Host}:{options.Port} refused the session: {reply.Code} {reply.Message}", reply);
        }
        throw new FtpException(FtpErrorKind.ConnectionFailed, $"{options.Host}:{options.Port} never became ready.");
    }

    private async Task LogInAsync(CancellationToken cancellationToken)
    {
        var reply = await CommandAsync("USER " + Options.UserName, cancellationToken).ConfigureAwait(false);
        if (reply.Code == 331 || reply.Code == 332)
            reply = await CommandAsync("PASS " + Options.Password, cancellationToken).ConfigureAwait(false);
        if (reply.Code == 230 || reply.Code == 202) return;
        if (reply.Code == 421) throw new FtpException(FtpErrorKind.ConnectionFailed, $"The server closed the session: {reply.Code} {reply.Message}", reply);
        throw new FtpException(FtpErrorKind.LoginFailed,
            reply.Code == 332
                ? $"Login as '{Options.UserName}' needs an account (ACCT), which FtpLite does not send: {reply.Message}"
                : $"Login as '{Options.UserName}' failed: {reply.Code} {reply.Message}",
            reply);
    }

    private async Task NegotiateAsync(CancellationToken cancellationToken)
    {
        var feat = await CommandAsync("FEAT", cancellationToken).ConfigureAwait(false);
        Features = FtpFeatures.Parse(feat);
        if (Features.Utf8) await CommandAsync("OPTS UTF8 ON", cancellationToken).ConfigureAwait(false); // 200 or 501/502: names are UTF-8 either way.
        _selectedHash = FtpHashNames.ParseFeature(Features.ParametersOf("HASH")).Selected;
        await EnsureBinaryAsync(cancellationToken).ConfigureAwait(false);
        await PrintWorkingDirectoryCoreAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> PrintWorkingDirectoryCoreAsync(CancellationToken cancellationToken)
    {
        var reply = await ExpectAsync("PWD", r => r.Code == 257, commandNamesPath: false, cancellationToken).ConfigureAwait(false);
        WorkingDirectory = ParseQuotedPath(reply) ?? WorkingDirectory;
        return WorkingDirectory;
    }

    /// <summary>Reads the path out of a 257 reply: "\"/a \"\"b\"\"\" is current" names /a "b" (RFC 959 appendix II).</summary>
    internal static string? ParseQuotedPath(FtpReply reply)
    {
        var text = reply.Message;
        var open = text.IndexOf('"');
        if (open < 0) return null;
        var path = new System.Text.StringBuilder();
        for (var i = open + 1; i < text.Length; i++)
        {
            if (text[i] != '"')
            {
                path.Append(text[i]);
                continue;
            }
            if (i + 1 < text.Length && text[i + 1] == '"')
            {
                path.Append('"');
                i++;
                continue;
            }
            return path.ToString();
        }
        return null;
    }

    /// <summary>Runs one operation alone on the connection.</summary>
    private async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        if (_disposed) throw new ObjectDisposedException(nameof(FtpClient));
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_control.IsOpen) throw new FtpException(FtpErrorKind.ConnectionLost, "The connection to the server is closed.");
            return await operation(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sends a command and returns its final reply; a stray preliminary reply is skipped.</summary>
    private async Task<FtpReply> CommandAsync(string command, CancellationToken cancellationToken)
    {
        await _control.WriteLineAsync(command, cancellationToken).ConfigureAwait(false);
        var reply = await _control.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < 3 && reply.IsPreliminary; i++) reply = await _control.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        return reply;
    }

    /// <summary>Sends a command and throws an <see cref="FtpException"/> unless <paramref name="accept"/> likes the reply.</summary>
    private async Task<FtpReply> ExpectAsync(string command, Func<FtpReply, bool> accept, bool commandNamesPath, CancellationToken cancellationToken)
    {
        var reply = await CommandAsync(command, cancellationToken).ConfigureAwait(false);
        if (!accept(reply)) throw FtpException.FromReply(Describe(command), reply, commandNamesPath);
        return reply;
    }

    private string Resolve(string path) => RemotePath.Resolve(WorkingDirectory, path);

    private static string Describe(string command)
    {
        var space = command.IndexOf(' ');
        var verb = space < 0 ? command : command.Substring(0, space);
        return verb == "PASS" ? "PASS" : command.Length > 200 ? command.Substring(0, 200) + "…" : command;
    }

    private static void CheckPath(string path, string name = "path")
    {
        if (path is null) throw new ArgumentNullException(name);
        if (path.Length == 0) throw new ArgumentException("A remote path cannot be empty.", name);
        if (FtpClientOptions.ContainsLineBreak(path) || path.IndexOf('\0') >= 0)
            throw new ArgumentException("A remote path cannot contain line breaks or NUL.", name);
    }
}
