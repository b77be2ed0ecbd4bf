using System.Text;
using FtpLite.Protocol;
using FtpLite.Client.Listing;

namespace FtpLite.Client;

/// <summary>Directory listings (MLSD, else LIST) and single items (MLST, else the parent's listing).</summary>
public sealed partial class FtpClient
{
    /// <summary>A listing larger than this is not a listing; the bound keeps a broken server from filling memory.</summary>
    private const int MaxListingBytes = 256 * 1024 * 1024;

    private static readonly Encoding ListingText = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private bool _mlsdRefused;

    /// <summary>Lists a directory (the working directory when <paramref name="path"/> is null), without "." and "..".</summary>
    public Task<IReadOnlyList<FtpListItem>> ListAsync(string? path = null, CancellationToken cancellationToken = default)
    {
        if (path is not null) CheckPath(path);
        return RunAsync(token => ListCoreAsync(path, token), cancellationToken);
    }

    /// <summary>One remote item, or null when nothing exists at <paramref name="path"/>.</summary>
    public Task<FtpListItem?> GetItemAsync(string path, CancellationToken cancellationToken = default)
    {
        CheckPath(path);
        return RunAsync(token => GetItemCoreAsync(path, token), cancellationToken);
    }

    /// <summary>True when a file or directory exists at <paramref name="path"/>.</summary>
    public async Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default) =>
        await GetItemAsync(path, cancellationToken).ConfigureAwait(false) is not null;

    private async Task<IReadOnlyList<FtpListItem>> ListCoreAsync(string? path, CancellationToken cancellationToken)
    {
        var directory = path is null ? WorkingDirectory : Resolve(path);
        if (Features.Mlst && !_mlsdRefused)
        {
            try
            {
                var facts = await ReadListingAsync(path is null ? "MLSD" : "MLSD " + path, cancellationToken).ConfigureAwait(false);
                return MlsxParser.ParseListing(facts, directory);
            }
            catch (FtpException e) when (e.Kind == FtpErrorKind.NotSupported && e.Reply is not null)
            {
                _mlsdRefused = true; // MLST without MLSD: LIST from now on.
            }
        }
        var lines = await ReadListingAsync(path is null ? "LIST" : "LIST " + path, cancellationToken).ConfigureAwait(false);
        return ListParser.Parse(lines, directory, DateTime.UtcNow);
    }

    private async Task<string> ReadListingAsync(string command, CancellationToken cancellationToken)
    {
        using var buffer = new BoundedMemoryStream(MaxListingBytes);
        await TransferAsync(command, DataFlow.Receive, buffer, 0, null, cancellationToken).ConfigureAwait(false);
        return ListingText.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private async Task<FtpListItem?> GetItemCoreAsync(string path, CancellationToken cancellationToken)
    {
        var full = Resolve(path);
        if (Features.Mlst)
        {
            var reply = await CommandAsync("MLST " + path, cancellationToken).ConfigureAwait(false);
            if (reply.IsSuccess)
            {
                // The fact line sits between the header and the end line; a few servers put it on the only line.
                for (var i = reply.Lines.Count > 1 ? 1 : 0; i < reply.Lines.Count; i++)
                {
                    var item = MlsxParser.ParseItem(reply.Lines[i], WorkingDirectory);
                    if (item is not null) return item.WithFullName(full);
                }
                throw new FtpException(FtpErrorKind.ProtocolError, $"MLST {path} answered without facts.", reply);
            }
            var kind = FtpException.KindOf(reply, commandNamesPath: true);
            if (kind == FtpErrorKind.NotFound) return null;
            if (kind != FtpErrorKind.NotSupported) throw FtpException.FromReply("MLST " + path, reply, commandNamesPath: true);
        }

        var parent = RemotePath.GetDirectoryName(full);
        if (parent is null) return new FtpListItem(RemotePath.Root, RemotePath.Root, FtpItemType.Directory);
        var name = RemotePath.GetFileName(full);
        IReadOnlyList<FtpListItem> siblings;
        try
        {
            siblings = await ListCoreAsync(parent, cancellationToken).ConfigureAwait(false);
        }
        catch (FtpException e) when (e.Kind == FtpErrorKind.NotFound)
        {
            return null;
        }
        foreach (var item in siblings)
        {
            if (item.Name == name) return item.WithFullName(full);
        }
        return null;
    }

    /// <summary>A memory stream that refuses to grow past a limit.</summary>
    private sealed class BoundedMemoryStream : MemoryStream
    {
        private readonly long _limit;

        public BoundedMemoryStream(long limit) => _limit = limit;

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (Length + count > _limit) throw new IOException($"A listing larger than {_limit} bytes was refused.");
            base.Write(buffer, offset, count);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer, offset, count);
            return Task.CompletedTask;
        }
    }
}
