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
        _store!.DeleteFile(path);
        Changed(path, "deleted");
        await ReplyAsync(250, $"{path} deleted.").ConfigureAwait(false);
    }

    private async Task RnfrAsync(FtpCommandLine command)
    {
        if (!await AllowedAsync(FtpPermissions.Write).ConfigureAwait(false)) return;
        var path = await ResolveAsync(command.Argument).ConfigureAwait(false);
        if (path is null) return;
        if (_store!.GetEntry(path) is null || path == VirtualPath.Root)
        {
            await ReplyAsync(550, $"{command.Argument}: no such file or folder.").ConfigureAwait(false);
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
        _store!.Rename(from, to);
        Changed(to, $"renamed {from} to");
        await ReplyAsync(250, $"Renamed to {to}.").ConfigureAwait(false);
    }

    private async Task SizeAsync(FtpCommandLine command)
    {
        // A resuming client asks SIZE for how much of its file the server has: while this user's upload of the file is
        // pending (interrupted, kept for a resume), that is the pending upload's length (README: resumable uploads).
        var path = (_permissions & FtpPermissions.Write) != 0 ? VirtualPath.Resolve(_currentDirectory, command.Argument) : null;
        if (path is not null && _store!.PendingUploadLength(path, UploadOwner) is long pending)
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
        var entry = _store!.GetEntry(path);
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
        string digest;
        using (var stream = _store!.OpenRead(entry.VirtualPath, 0))
            digest = await _hashAlgorithm.ComputeAsync(stream, _closing.Token).ConfigureAwait(false);
        await ReplyAsync(213, $"{_hashAlgorithm.WireName()} 0-{entry.Length} {digest} {command.Argument}").ConfigureAwait(false);
    }

    /// <summary>The readable file a path names, or null after a 550 reply.</summary>
    private async Task<FileStoreEntry?> FileEntryAsync(string argument)
    {
        if (!await AllowedAsync(FtpPermissions.Read).ConfigureAwait(false)) return null;
        var path = await ResolveAsync(argument).ConfigureAwait(false);
        if (path is null) return null;
        var entry = _store!.GetEntry(path);
        if (entry is null || entry.IsDirectory)
        {
            await ReplyAsync(550, entry is null ? $"{argument}: no such file." : $"{argument}: is a folder, not a file.").ConfigureAwait(false);
            return null;
        }
        return entry;
    }

    private bool CanWrite => (_permissions & FtpPermissions.Write) != 0;

    private FactPermissions FactRights => new(
        (_permissions & FtpPermissions.Read) != 0, CanWrite, (_permissions & FtpPermissions.Delete) != 0);
}
