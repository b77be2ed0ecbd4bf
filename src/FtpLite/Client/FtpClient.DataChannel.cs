using System.Net;
using FtpLite.Protocol;

namespace FtpLite.Client;

/// <summary>Data connections: EPSV or PASV, one transfer command over them, and ABOR when a transfer is cancelled.</summary>
public sealed partial class FtpClient
{
    private bool _epsvRefused;
    private bool _binary;
    private byte[]? _copyBuffer;
    private bool? _openingReplyTellsSize;

    private enum DataFlow
    {
        Receive,
        Send,
    }

    /// <summary>
    /// Runs one transfer command (RETR, STOR, APPE, LIST, MLSD): opens the data connection, sends REST when
    /// <paramref name="restartOffset"/> is set, sends the command, moves the bytes between the data connection and
    /// <paramref name="local"/>, and checks the closing reply. Returns the bytes moved.
    /// </summary>
    private async Task<long> TransferAsync(
        string command, DataFlow flow, Stream local, long restartOffset, TransferProgressReporter? progress, CancellationToken cancellationToken)
    {
        if (flow == DataFlow.Send || restartOffset > 0 || command.StartsWith("RETR ", StringComparison.Ordinal))
            await EnsureBinaryAsync(cancellationToken).ConfigureAwait(false);
        using var data = await OpenDataConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (restartOffset > 0)
        {
            var rest = await CommandAsync("REST " + restartOffset.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            if (rest.Code != 350) throw new FtpRestartRefusedException(restartOffset, rest);
        }

        await _control.WriteLineAsync(command, cancellationToken).ConfigureAwait(false);
        var opened = await _control.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        if (!opened.IsPreliminary && !opened.IsSuccess) throw FtpException.FromReply(Describe(command), opened, commandNamesPath: true);

        long moved;
        // A server that answered 2xx at once has nothing to send, and reads nothing either (nor starts TLS).
        if (!opened.IsPreliminary && (flow == DataFlow.Send || _protectData))
        {
            data.Abort();
            progress?.Complete();
            return 0;
        }
        if (flow == DataFlow.Receive && restartOffset == 0 && command.StartsWith("RETR ", StringComparison.Ordinal)) LearnSizeFrom(opened, progress);
        if (_protectData) await SecureDataAsync(data, command, cancellationToken).ConfigureAwait(false);
        // A cancelled download under TLS is ended without a reset (see AbortProtectedDownloadAsync); a stall still resets.
        var endGently = flow == DataFlow.Receive && _protectData;
        Action abort = endGently ? () => { if (!cancellationToken.IsCancellationRequested) data.Abort(); } : data.Abort;
        using (var scope = new TimeoutScope(Options.DataTimeout, abort, cancellationToken))
        {
            try
            {
                moved = await CopyAsync(data.Stream, local, flow, scope, progress).ConfigureAwait(false);
                scope.Restart();
                if (flow == DataFlow.Send) await data.CompleteUploadAsync(scope.Token).ConfigureAwait(false);
                else await data.CompleteDownloadAsync().ConfigureAwait(false);
            }
            catch (LocalStreamException e) when (!scope.Fired)
            {
                // The local side failed (disk full, a closed stream): stop the server too, then report the local error.
                data.Abort();
                await AbortTransferAsync().ConfigureAwait(false);
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException!).Throw();
                throw;
            }
            catch (Exception e) when (scope.Fired)
            {
                if (endGently && cancellationToken.IsCancellationRequested) await AbortProtectedDownloadAsync(data).ConfigureAwait(false);
                else
                {
                    data.Abort();
                    await AbortTransferAsync().ConfigureAwait(false);
                }
                throw scope.Translate(e, "The transfer of " + Describe(command));
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
            {
                // The data connection broke; the server's closing reply says why, if it still talks.
                data.Abort();
                if (!opened.IsPreliminary) throw new FtpException(FtpErrorKind.ConnectionLost, "The data connection was lost: " + e.Message, null, e);
                var failed = await _control.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
                if (!failed.IsSuccess) throw TransferRefused(command, failed);
                throw new FtpException(FtpErrorKind.ConnectionLost, "The data connection was lost: " + e.Message, failed, e);
            }
        }
        // A server that answered 2xx at once (nothing to send) has no closing reply to come.
        if (opened.IsPreliminary)
        {
            var closing = await _control.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
            if (!closing.IsSuccess) throw TransferRefused(command, closing);
        }
        progress?.Complete();
        return moved;
    }

    /// <summary>
    /// vsftpd, ProFTPD and FtpLite say a download's size in its opening reply ("150 … (4096 bytes)."): once a server
    /// has shown it does, downloads with progress skip their SIZE, one round trip fewer per file.
    /// </summary>
    private void LearnSizeFrom(FtpReply opened, TransferProgressReporter? progress)
    {
        var size = SizeIn(opened.Message);
        _openingReplyTellsSize = size is not null;
        if (size is { } total) progress?.LearnTotal(total);
    }

    /// <summary>The N of a "(N bytes)" in a reply's text, if there is one.</summary>
    private static long? SizeIn(string text)
    {
        var end = text.LastIndexOf(" bytes)", StringComparison.OrdinalIgnoreCase);
        var start = end < 0 ? -1 : text.LastIndexOf('(', end);
        return start >= 0 && long.TryParse(text.Substring(start + 1, end - start - 1), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var size) ? size : null;
    }

    /// <summary>Whether a download with progress must ask SIZE first to know its total.</summary>
    private bool NeedsSizeForProgress(IProgress<FtpTransferProgress>? progress) => progress is not null && _openingReplyTellsSize != true;

    /// <summary>File transfers are binary; a raw "TYPE A" through <see cref="ExecuteAsync"/> is undone before the next one.</summary>
    private async Task EnsureBinaryAsync(CancellationToken cancellationToken)
    {
        if (_binary) return;
        await ExpectAsync("TYPE I", r => r.IsSuccess, commandNamesPath: false, cancellationToken).ConfigureAwait(false);
        _binary = true;
    }

    private async Task<long> CopyAsync(Stream network, Stream local, DataFlow flow, TimeoutScope scope, TransferProgressReporter? progress)
    {
        var buffer = _copyBuffer ??= new byte[Options.BufferSize];
        var receiving = flow == DataFlow.Receive;
        var blocking = SuitsBlockingCopy(network, local);
        long total = 0;
        while (true)
        {
            if (blocking && total >= AsyncPrefixBytes) return total + await CopyBlockingAsync(network, local, buffer, receiving, scope, progress).ConfigureAwait(false);
            scope.Restart();
            // The local side is called directly where the blocking copy would call it anyway (a file, memory): an async
            // call on a file is a thread-pool hop each, and a small file's transfer is little more than two of them.
            var read = receiving
                ? await network.ReadAsync(buffer, 0, buffer.Length, scope.Token).ConfigureAwait(false)
                : blocking ? ReadLocal(local, buffer) : await OnLocalAsync(local.ReadAsync(buffer, 0, buffer.Length, scope.Token)).ConfigureAwait(false);
            if (read == 0) return EndOfStream(total, scope);
            scope.Restart();
            if (receiving && blocking) WriteLocal(local, buffer, read);
            else if (receiving) await OnLocalAsync(local.WriteAsync(buffer, 0, read, scope.Token)).ConfigureAwait(false);
            else await network.WriteAsync(buffer, 0, read, scope.Token).ConfigureAwait(false);
            total += read;
            progress?.Add(read);
        }
    }

    /// <summary>Marks a failure of the caller's stream, so it is not mistaken for a network failure.</summary>
    private static async Task<T> OnLocalAsync<T>(Task<T> operation)
    {
        try
        {
            return await operation.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new LocalStreamException(e);
        }
    }

    private static async Task<bool> OnLocalAsync(Task operation)
    {
        await OnLocalAsync(WithResult(operation)).ConfigureAwait(false);
        return true;
    }

    private static async Task<bool> WithResult(Task operation)
    {
        await operation.ConfigureAwait(false);
        return true;
    }

    private sealed class LocalStreamException : Exception
    {
        public LocalStreamException(Exception inner) : base(inner.Message, inner) { }
    }

    /// <summary>EPSV (unless refused before or PASV is asked for), else PASV; connects to the control connection's peer.</summary>
    private async Task<FtpDataConnection> OpenDataConnectionAsync(CancellationToken cancellationToken)
    {
        var host = HostPortCodec.Normalize(_control.RemoteEndPoint.Address);
        var mode = Options.DataMode;
        if (mode == FtpDataMode.ExtendedPassive || (mode == FtpDataMode.Auto && !_epsvRefused))
        {
            var epsv = await CommandAsync("EPSV", cancellationToken).ConfigureAwait(false);
            if (epsv.Code == 229 && HostPortCodec.TryParseEpsvReply(epsv.Message, out var port))
                return await FtpDataConnection.ConnectAsync(new IPEndPoint(host, port), Options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
            if (mode == FtpDataMode.ExtendedPassive || !IsRefusal(epsv)) throw UnusableReply("EPSV", epsv);
            _epsvRefused = true;
        }

        var pasv = await CommandAsync("PASV", cancellationToken).ConfigureAwait(false);
        if (pasv.Code != 227 || !HostPortCodec.TryParsePasvReply(pasv.Message, out var announced)) throw UnusableReply("PASV", pasv);
        // The announced address is often a private one behind NAT; the control peer is the host we know works.
        return await FtpDataConnection.ConnectAsync(new IPEndPoint(host, announced!.Port), Options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsRefusal(FtpReply reply) => reply.Code is 500 or 501 or 502 or 504;

    private static FtpException UnusableReply(string command, FtpReply reply) =>
        reply.IsSuccess
            ? new FtpException(FtpErrorKind.ProtocolError, $"{command} reply has no usable address: {reply.Code} {reply.Message}", reply)
            : FtpException.FromReply(command, reply);

    /// <summary>
    /// After a cancelled or stalled transfer: ABOR, then (after its first reply) PWD as a marker. Replies are read until PWD's 257, whatever the
    /// server said about the transfer and the abort (426, 226, 225 in any number), so no stale reply is left to answer
    /// a later command. When that fails the connection is closed instead.
    /// </summary>
    private async Task AbortTransferAsync()
    {
        if (await SendAbortAsync().ConfigureAwait(false)) await ReadPastAbortAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// After a cancelled download under TLS: ABOR first, then the data connection read to its end (servers stop
    /// sending at ABOR; ProFTPD within a megabyte), bounded, and closed; then the replies as after any abort. Resetting
    /// a TLS data connection the server still writes to made ProFTPD's mod_tls end the whole session ("panic:
    /// SSL_ERROR_SYSCALL … Broken pipe"), so a cancelled download cost the connection.
    /// </summary>
    private async Task AbortProtectedDownloadAsync(FtpDataConnection data)
    {
        var sent = await SendAbortAsync().ConfigureAwait(false);
        if (sent) await data.DrainAsync(AbortDrainTime, AbortDrainBytes).ConfigureAwait(false);
        data.Abort();
        if (sent) await ReadPastAbortAsync().ConfigureAwait(false);
    }

    /// <summary>How long, and how many bytes, a cancelled TLS download waits for the server to stop after ABOR.</summary>
    private static readonly TimeSpan AbortDrainTime = TimeSpan.FromSeconds(5);
    private const long AbortDrainBytes = 64L * 1024 * 1024;

    /// <summary>ABOR; false (and the connection closed) when it could not be sent.</summary>
    private async Task<bool> SendAbortAsync()
    {
        try
        {
            await _control.WriteLineAsync("ABOR", CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (FtpException)
        {
            _control.Close();
            return false;
        }
    }

    /// <summary>
    /// Reads ABOR's first reply, then sends PWD as the marker and reads until its 257 (bounded); closes the connection
    /// when that fails. PWD goes only after a reply: sent together with ABOR, pure-ftpd once left it unanswered after a
    /// cancelled upload, and the connection was lost to the reply timeout.
    /// </summary>
    private async Task ReadPastAbortAsync()
    {
        try
        {
            await _control.ReadReplyAsync(CancellationToken.None).ConfigureAwait(false);
            await _control.WriteLineAsync("PWD", CancellationToken.None).ConfigureAwait(false);
            for (var i = 0; i < 8; i++)
            {
                var reply = await _control.ReadReplyAsync(CancellationToken.None).ConfigureAwait(false);
                if (reply.Code == 257) return;
            }
            _control.Close();
        }
        catch (FtpException)
        {
            _control.Close();
        }
    }
}
