using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using FtpLite.Protocol;
using FtpLite.Protocol.Listing;
using FtpLite.Server.Data;
using FtpLite.Storage;

namespace FtpLite.Server;

internal enum ListingKind
{
    Long,
    Names,
    Facts,
}

internal sealed partial class FtpSession
{
    private enum Direction
    {
        Download,
        Upload,
        Listing,
    }

    private async Task RetrAsync(FtpCommandLine command)
    {
        var offset = TakeRestartOffset();
        var entry = await FileEntryAsync(command.Argument).ConfigureAwait(false);
        if (entry is null || !await DataConnectionReadyAsync().ConfigureAwait(false)) return;
        if (offset > entry.Length)
        {
            await ReplyAsync(554, $"Restart offset {offset} lies beyond the end of the file ({entry.Length} bytes).").ConfigureAwait(false);
            return;
        }
        var source = _store!.OpenRead(entry.VirtualPath, offset);
        var conversion = _binary ? NewlineConversion.None : NewlineConversion.ToNetwork;
        StartTransfer(entry.VirtualPath, Direction.Download, $"Opening {Mode} mode data connection for {entry.Name} ({entry.Length - offset} bytes).",
            async (data, transfer) =>
            {
                using (source)
                {
                    var sent = FileSender.CanSend(data, source, conversion) ? await FileSender.SendAsync(data, source, transfer).ConfigureAwait(false) : 0;
                    return sent + await CopyAsync(source, data, conversion, transfer).ConfigureAwait(false);
                }
            },
            cleanup: source.Dispose);
    }

    private Task StorAsync(FtpCommandLine command)
    {
        var offset = TakeRestartOffset();
        return UploadAsync(command.Argument, offset > 0 ? UploadMode.Resume : UploadMode.Replace, offset, uniqueName: false);
    }

    private Task AppeAsync(FtpCommandLine command)
    {
        TakeRestartOffset();
        return UploadAsync(command.Argument, UploadMode.Append, 0, uniqueName: false);
    }

    private Task StouAsync(FtpCommandLine command)
    {
        TakeRestartOffset();
        var stem = command.HasArgument ? VirtualPath.Name(command.Argument.Trim()) : "ftplite";
        if (stem.Length == 0) stem = "ftplite";
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var name = attempt == 0 && command.HasArgument ? stem : $"{stem}.{Guid.NewGuid().ToString("N").Substring(0, 8)}";
            var path = VirtualPath.Resolve(_currentDirectory, name);
            if (path is not null && _store!.GetEntry(path) is null) return UploadAsync(name, UploadMode.Replace, 0, uniqueName: true);
        }
        return ReplyAsync(450, "Could not find a unique name; try again.");
    }

    private async Task UploadAsync(string argument, UploadMode mode, long offset, bool uniqueName)
    {
        if (!await AllowedAsync(FtpPermissions.Write).ConfigureAwait(false)) return;
        var path = await ResolveAsync(argument).ConfigureAwait(false);
        if (path is null || !await DataConnectionReadyAsync().ConfigureAwait(false)) return;
        var upload = _store!.BeginUpload(path, mode, offset, UploadOwner);
        var conversion = _binary ? NewlineConversion.None : NewlineConversion.FromNetwork;
        var opening = uniqueName ? $"FILE: {VirtualPath.Name(path)}" : $"Opening {Mode} mode data connection for {VirtualPath.Name(path)}.";
        StartTransfer(path, Direction.Upload, opening,
            async (data, transfer) =>
            {
                long bytes;
                try
                {
                    bytes = await CopyAsync(data, upload.Stream, conversion, transfer).ConfigureAwait(false);
                }
                catch (IOException e) when (DiskFull.Is(e))
                {
                    upload.Discard(); // Nothing to resume on a full disk: give the space back.
                    throw;
                }
                // A client that died closes both connections; if the control connection went first, the data's
                // end-of-file is not the file's end, and the old file must stay.
                if (ControlConnectionLost()) throw new OperationCanceledException("The control connection closed during the upload.");
                // The rename over the target is the store's last word (a name too long, a read-only folder):
                // classified like any other store failure, not taken for a lost connection.
                try
                {
                    upload.Commit();
                }
                catch (FileStoreException e)
                {
                    throw new NotStoredException(e);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new NotStoredException(IoFailure.Classify(e));
                }
                return bytes;
            },
            cleanup: upload.Dispose);
    }

    /// <summary>
    /// Who an interrupted upload is kept for: the account, or for anonymous sessions (one shared name) the account and
    /// the client's address, so that one anonymous client does not see another's pending upload.
    /// </summary>
    private string UploadOwner => _userName == "anonymous" ? "anonymous@" + HostPortCodec.Normalize(RemoteEndPoint.Address) : _userName!;

    /// <summary>All the data arrived, but the file could not be put in place (its folder was renamed, say).</summary>
    private sealed class NotStoredException : Exception
    {
        public NotStoredException(FileStoreException inner) : base(inner.Message, inner)
        {
            // The folder gone from under the upload is 553 (file name not allowed: the name no longer leads anywhere);
            // everything else is coded as any store failure is.
            Code = inner.Error == FileStoreError.NotFound ? 553 : ErrorReplies.CodeFor(inner.Error);
        }

        public int Code { get; }
    }

    private async Task ListAsync(FtpCommandLine command, ListingKind kind)
    {
        TakeRestartOffset();
        if (!await AllowedAsync(FtpPermissions.Read).ConfigureAwait(false)) return;
        var (path, pattern) = await ResolveListingTargetAsync(command.Argument).ConfigureAwait(false);
        if (path is null) return;
        if (kind == ListingKind.Facts && (pattern is not null || !_store!.GetEntry(path)!.IsDirectory))
        {
            await ReplyAsync(501, "MLSD lists folders only; use MLST for a file.").ConfigureAwait(false);
            return;
        }
        if (!await DataConnectionReadyAsync().ConfigureAwait(false)) return;
        // Made now, read later: a folder that vanished is still answered before the 150.
        var lines = ListingLines(path, pattern, kind, ListingArgument(command.Argument));
        var cap = _options.MaxListingEntries;
        StartTransfer(path, Direction.Listing, "Here comes the directory listing.",
            async (data, transfer) =>
            {
                var buffer = _server.Buffers.Rent();
                try
                {
                    var writer = new ListingWriter(data, buffer, transfer);
                    var count = 0;
                    foreach (var line in lines)
                    {
                        if (count == cap)
                        {
                            // A failure code, not 226: a mirroring client must not take a cut listing for the folder.
                            transfer.Shortfall = (550, ListingCapNote(cap));
                            break;
                        }
                        await writer.WriteLineAsync(line, transfer.Token).ConfigureAwait(false);
                        count++;
                    }
                    await writer.FlushAsync(transfer.Token).ConfigureAwait(false);
                    return writer.Bytes;
                }
                finally
                {
                    _server.Buffers.Return(buffer);
                }
            },
            cleanup: null);
    }

    private static string ListingCapNote(int cap) =>
        $"Listing stopped after {cap} entries, the server's limit; the folder holds more (list a pattern or a subfolder).";

    /// <summary>The lines of a LIST (ls -l), NLST (names) or MLSD (facts), one entry at a time.</summary>
    private IEnumerable<string> ListingLines(string path, string? pattern, ListingKind kind, string argument)
    {
        var now = DateTime.UtcNow;
        var isDirectory = _store!.GetEntry(path)!.IsDirectory;
        // NLST answers with names a client can send straight back in RETR: a pattern's folder part is kept.
        var namePrefix = pattern is not null && argument.Contains("/") ? argument.Substring(0, argument.LastIndexOf('/') + 1) : string.Empty;
        var canWrite = CanWrite;
        var facts = _mlstFacts;
        var rights = FactRights;
        return ListingEntries(path, pattern).Select(item => kind switch
        {
            ListingKind.Long => ListingFormatter.FormatUnixLine(item, canWrite, now),
            ListingKind.Facts => ListingFormatter.FormatFacts(item, item.Name, facts, rights),
            _ => isDirectory ? namePrefix + item.Name : argument,
        });
    }

    /// <summary>The entries a LIST, NLST or STAT names: a folder's content, a pattern's matches, or one file.</summary>
    private IEnumerable<FileStoreEntry> ListingEntries(string path, string? pattern)
    {
        var entry = _store!.GetEntry(path);
        if (entry is null) return Array.Empty<FileStoreEntry>();
        if (!entry.IsDirectory) return new[] { entry };
        var items = _store.List(path);
        return pattern is null ? items : items.Where(i => Wildcard.IsMatch(i.Name, pattern));
    }

    /// <summary>
    /// Splits a LIST argument into the folder (or file) to list and a wildcard pattern for its last part, if any.
    /// Options in the `ls` style ("-la") are skipped. Answers 550 and gives a null path when nothing is there.
    /// </summary>
    private async Task<(string? Path, string? Pattern)> ResolveListingTargetAsync(string rawArgument)
    {
        var argument = ListingArgument(rawArgument);
        string? pattern = null;
        var target = argument.Length == 0 ? "." : argument;
        var name = VirtualPath.Name(target.TrimEnd('/'));
        if (Wildcard.HasWildcard(name))
        {
            pattern = name;
            target = target.Contains("/") ? target.Substring(0, target.LastIndexOf('/') + 1) : ".";
            if (target.Length == 0) target = "/";
        }
        var path = await ResolveAsync(target).ConfigureAwait(false);
        if (path is null) return (null, null);
        if (_store!.GetEntry(path) is null)
        {
            await ReplyAsync(550, $"{argument}: no such file or folder.").ConfigureAwait(false);
            return (null, null);
        }
        return (path, pattern);
    }

    private static string ListingArgument(string argument)
    {
        var rest = argument.Trim();
        while (rest.StartsWith("-", StringComparison.Ordinal))
        {
            var space = rest.IndexOf(' ');
            rest = space < 0 ? string.Empty : rest.Substring(space + 1).TrimStart();
        }
        return rest;
    }

    private long TakeRestartOffset()
    {
        var offset = _restartOffset;
        _restartOffset = 0;
        return offset;
    }

    private string Mode => _binary ? "BINARY" : "ASCII";

    /// <summary>True when PASV, EPSV, PORT or EPRT prepared a data connection; else answers 425.</summary>
    private async Task<bool> DataConnectionReadyAsync()
    {
        if (_options.RequireTls && !_protectData)
        {
            await ReplyAsync(521, "Data connections must be protected: send PBSZ 0 and PROT P.").ConfigureAwait(false);
            return false;
        }
        if (_passive is not null || _activeTarget is not null) return true;
        await ReplyAsync(425, "Use PASV, EPSV, PORT or EPRT first.").ConfigureAwait(false);
        return false;
    }

    /// <summary>
    /// Runs a transfer in the background: opens the data connection (consuming the prepared PASV or PORT), says 150,
    /// runs <paramref name="body"/>, and ends with 226, or 425/426/451/452 saying what went wrong.
    /// </summary>
    private void StartTransfer(string path, Direction direction, string opening, Func<Stream, Transfer, Task<long>> body, Action? cleanup)
    {
        var passive = _passive;
        var active = _activeTarget;
        _passive = null;
        _activeTarget = null;
        var transfer = new Transfer(path, _closing.Token);
        _transfer = transfer;
        var protect = _protectData;
        transfer.Start(() => RunTransferAsync(transfer, passive, active, protect, direction, opening, body, cleanup));
    }

    private async Task RunTransferAsync(Transfer transfer, PassiveListener? passive, System.Net.IPEndPoint? active, bool protect,
        Direction direction, string opening, Func<Stream, Transfer, Task<long>> body, Action? cleanup)
    {
        // No yield first: the command loop reads on (and hears ABOR) as soon as this awaits the network, and a small
        // transfer that completes at once costs no thread hop.
        var watch = Stopwatch.StartNew();
        // Released before the final reply, so the client never sees a half-cleaned state (an open file, a temporary one).
        void Release()
        {
            cleanup?.Invoke();
            cleanup = null;
        }

        try
        {
            Socket socket;
            try
            {
                socket = passive is not null
                    ? await passive.AcceptAsync(RemoteEndPoint.Address, _options.DataConnectionTimeout, ForeignDataPeer, transfer.Token).ConfigureAwait(false)
                    : await ActiveConnector.ConnectAsync(active!, LocalEndPoint.Address, _options.DataConnectionTimeout, transfer.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or TimeoutException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
            {
                Release();
                await FailTransferAsync(transfer, direction, 425, "Can't open data connection: " + (e is TimeoutException ? e.Message : "connection failed."), e).ConfigureAwait(false);
                return;
            }
            finally
            {
                passive?.Dispose();
            }

            long bytes;
            using (transfer.Token.Register(socket.Dispose))
            {
                Stream data = new NetworkStream(socket, ownsSocket: true);
                try
                {
                    // 150 first: clients start the data connection's TLS handshake only once they have heard it.
                    await ReplyAsync(150, opening).ConfigureAwait(false);
                    if (protect) data = await ProtectAsync(data, transfer).ConfigureAwait(false);
                    bytes = await body(data, transfer).ConfigureAwait(false);
                    if (data is System.Net.Security.SslStream ssl) await Tls.TlsStreams.ShutdownAsync(ssl).ConfigureAwait(false);
                    else if (direction != Direction.Upload) socket.Shutdown(SocketShutdown.Send);
                }
                finally
                {
                    data.Dispose();
                }
            }
            Release();
            Completed(transfer, direction, bytes, watch.Elapsed);
            var (code, text) = transfer.Shortfall ?? (226, "Transfer complete.");
            await ReplyAsync(code, text).ConfigureAwait(false);
        }
        catch (NotStoredException e)
        {
            Release();
            await FailTransferAsync(transfer, direction, e.Code, "File not stored: " + e.Message, e).ConfigureAwait(false);
        }
        catch (FileStoreException e)
        {
            Release();
            var (code, text) = ErrorReplies.For(e);
            await FailTransferAsync(transfer, direction, code, text, e).ConfigureAwait(false);
        }
        catch (IOException e) when (DiskFull.Is(e))
        {
            Release();
            await FailTransferAsync(transfer, direction, 452, "Insufficient storage space; the file was not stored.", e).ConfigureAwait(false);
        }
        catch (Exception e) when (IsDisconnect(e))
        {
            var reason = transfer.EndReason switch
            {
                TransferEnd.Aborted => "Transfer aborted.",
                TransferEnd.Stalled => $"No data for {(int)_options.DataStallTimeout.TotalSeconds} seconds; transfer aborted.",
                _ => "Data connection lost; transfer aborted.",
            };
            Release();
            await FailTransferAsync(transfer, direction, 426, reason, e).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Release();
            var (code, text) = ErrorReplies.For(e);
            await FailTransferAsync(transfer, direction, code, text, e).ConfigureAwait(false);
        }
        finally
        {
            Release();
            transfer.Dispose();
        }
    }

    private async Task<long> CopyAsync(Stream source, Stream destination, NewlineConversion conversion, Transfer transfer)
    {
        var buffer = _server.Buffers.Rent();
        try
        {
            return await DataCopier.CopyAsync(source, destination, buffer, conversion, transfer).ConfigureAwait(false);
        }
        finally
        {
            _server.Buffers.Return(buffer);
        }
    }

    private void Completed(Transfer transfer, Direction direction, long bytes, TimeSpan duration)
    {
        var statistics = _server.Statistics;
        CountBytes(direction, bytes);
        if (direction == Direction.Upload) statistics.FileReceived();
        else if (direction == Direction.Download) statistics.FileSent();
        if (direction == Direction.Listing) return;
        var e = Event(FtpServerEventKind.TransferCompleted, $"{(direction == Direction.Upload ? "received" : "sent")} {transfer.Path} ({bytes} bytes in {duration.TotalMilliseconds:0} ms)");
        e.Path = transfer.Path;
        e.Bytes = bytes;
        e.Duration = duration;
        _server.Raise(e);
    }

    /// <summary>Bytes count whether or not the transfer completed: they crossed the network all the same.</summary>
    private void CountBytes(Direction direction, long bytes)
    {
        if (direction == Direction.Upload) _server.Statistics.AddReceived(bytes);
        else _server.Statistics.AddSent(bytes);
    }

    private async Task FailTransferAsync(Transfer transfer, Direction direction, int code, string message, Exception cause)
    {
        _server.Statistics.TransferFailed();
        CountBytes(direction, transfer.Bytes);
        var e = Event(FtpServerEventKind.TransferFailed, $"{direction} of {transfer.Path} failed: {message} ({cause.GetType().Name})");
        e.Path = transfer.Path;
        e.Bytes = transfer.Bytes;
        _server.Raise(e);
        if (transfer.EndReason == TransferEnd.SessionClosed) return; // Nobody left to tell.
        try
        {
            await ReplyAsync(code, message).ConfigureAwait(false);
        }
        catch (Exception reply) when (IsDisconnect(reply))
        {
        }
    }

    private void ForeignDataPeer(System.Net.IPEndPoint peer) =>
        _server.Raise(Event(FtpServerEventKind.Error, $"refused a data connection from {peer}: not the control connection's address"));

    /// <summary>True when the client has closed the control connection (readable, with nothing to read).</summary>
    private bool ControlConnectionLost()
    {
        try
        {
            return _closing.IsCancellationRequested || (_socket.Poll(0, SelectMode.SelectRead) && _socket.Available == 0 && !_reader.HasBufferedData);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return true;
        }
    }
}
