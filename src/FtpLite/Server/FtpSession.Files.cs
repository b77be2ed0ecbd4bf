using System.Globalization;
using FtpLite.Protocol;
using FtpLite.Protocol.Hashing;
using FtpLite.Protocol.Listing;
using FtpLite.Storage;

namespace FtpLite.Server;

internal sealed partial class FtpSession
{
    private async Task DeleAsync(FtpCommandLine command)
    {
        if (!await AllowedAsync(FtpPermissions.Delete).ConfigureAwait(false)) return;
        var path = await ResolveAsync(command.Argument).ConfigureAwait(false);
        if (path is null) return;
        await _store!.DeleteFileAsync(path, _closing.Token).ConfigureAwait(false);
        Changed(path, "deleted");
        await ReplyAsync(250, $"{path} deleted.").ConfigureAwait(false);
    }

    private async Task RnfrAsync(FtpCommandLine command)
    {
        if (!await AllowedAsync(FtpPermissions.Write).ConfigureAwait(false)) return;
        var path = await ResolveAsync(command.Argument).ConfigureAwait(false);
        if (path is null) return;
        var entry = await _store!.GetEntryAsync(path, _closing.Token).ConfigureAwait(false);
        if (entry is null || path == VirtualPath.Root)
        {
            await ReplyAsync(550, $"{command.Argument}: no such file or folder.").ConfigureAwait(false);
            return;
        }
        // Refused at RNFR, before the client sends a name: a store that would copy a folder piece by piece could
        // leave it half moved, and says it cannot.
        if (entry.IsDirectory && !StoreCan(FileStoreCapabilities.AtomicFolderRename))
        {
            await ReplyAsync(550, $"{command.Argument}: folder rename not supported by this storage.").ConfigureAwait(false);
            return;
        }
        _renameFrom = path;
        await ReplyAsync(350, "Ready for RNTO.").ConfigureAwait(false);
    }

    private async Task RntoAsync(FtpCommandLine command)
    {
        var from = _renameFrom;
        _renameFrom = null;
        if (from is null)
        {
            await ReplyAsync(503, "Send RNFR first.").ConfigureAwait(false);
            return;
        }
        var to = await ResolveAsync(command.Argument).ConfigureAwait(false);
        if (to is null) return;
        await _store!.RenameAsync(from, to, _closing.Token).ConfigureAwait(false);
        Changed(to, $"renamed {from} to");
        await ReplyAsync(250, $"Renamed to {to}.").ConfigureAwait(false);
    }

    private async Task SizeAsync(FtpCommandLine command)
    {
        // A resuming client asks SIZE for how much of its file the server has: while this user's upload of the file is
        // pending (interrupted, kept for a resume), that is the pending upload's length (README: resumable uploads).
        var path = (_permissions & FtpPermissions.Write) != 0 ? VirtualPath.Resolve(_currentDirectory, command.Argument) : null;
        if (path is not null && StoreCan(FileStoreCapabilities.PendingUploads)
            && await _store!.PendingUploadLengthAsync(path, UploadOwner, _closing.Token).ConfigureAwait(false) is long pending)
        {
            await ReplyAsync(213, pending.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
            return;
        }
        var entry = await FileEntryAsync(command.Argument).ConfigureAwait(false);
        if (entry is null) return;
        await ReplyAsync(213, entry.Length.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
    }

    private async Task MdtmAsync(FtpCommandLine command)
    {
        var entry = await FileEntryAsync(command.Argument).ConfigureAwait(false);
        if (entry is null) return;
        await ReplyAsync(213, ListingFormatter.FormatTime(entry.LastWriteTimeUtc)).ConfigureAwait(false);
    }

    private async Task MlstAsync(FtpCommandLine command)
    {
        if (!await AllowedAsync(FtpPermissions.Read).ConfigureAwait(false)) return;
        var path = await ResolveAsync(command.HasArgument ? command.Argument : ".").ConfigureAwait(false);
        if (path is null) return;
        var entry = await _store!.GetEntryAsync(path, _closing.Token).ConfigureAwait(false);
        if (entry is null)
        {
            await ReplyAsync(550, $"{command.Argument}: no such file or folder.").ConfigureAwait(false);
            return;
        }
        await ReplyAsync(250, new[]
        {
            "Listing " + path,
            " " + ListingFormatter.FormatFacts(entry, path, _mlstFacts, FactRights),
            "End",
        }).ConfigureAwait(false);
    }

    private async Task HashAsync(FtpCommandLine command)
    {
        var entry = await FileEntryAsync(command.Argument).ConfigureAwait(false);
        if (entry is null) return;
        var digest = await FileHashAsync(entry).ConfigureAwait(false);
        await ReplyAsync(213, $"{_hashAlgorithm.WireName()} 0-{entry.Length} {digest} {command.Argument}").ConfigureAwait(false);
    }

    /// <summary>The readable file a path names, or null after a 550 reply.</summary>
    private async Task<FileStoreEntry?> FileEntryAsync(string argument)
    {
        if (!await AllowedAsync(FtpPermissions.Read).ConfigureAwait(false)) return null;
        var path = await ResolveAsync(argument).ConfigureAwait(false);
        if (path is null) return null;
        var entry = await _store!.GetEntryAsync(path, _closing.Token).ConfigureAwait(false);
        if (entry is null || entry.IsDirectory)
        {
            await ReplyAsync(550, entry is null ? $"{argument}: no such file." : $"{argument}: is a folder, not a file.").ConfigureAwait(false);
            return null;
        }
        return entry;
    }

    /// <summary>The digest the store kept at upload (<see cref="IStoredHashes"/>), else one computed by reading the file.</summary>
    private async Task<string> FileHashAsync(FileStoreEntry entry)
    {
        if (_store is IStoredHashes stored
            && await stored.GetStoredHashAsync(entry.VirtualPath, _hashAlgorithm.WireName(), _closing.Token).ConfigureAwait(false) is { } kept)
            return kept;
        using var stream = await _store!.OpenReadAsync(entry.VirtualPath, 0, _closing.Token).ConfigureAwait(false);
        return await _hashAlgorithm.ComputeAsync(stream, _closing.Token).ConfigureAwait(false);
    }

    /// <summary>True when the session's store can do <paramref name="capability"/>.</summary>
    private bool StoreCan(FileStoreCapabilities capability) => (_store!.Capabilities & capability) == capability;

    private bool CanWrite => (_permissions & FtpPermissions.Write) != 0;

    private FactPermissions FactRights => new(
        (_permissions & FtpPermissions.Read) != 0, CanWrite, (_permissions & FtpPermissions.Delete) != 0);
}
