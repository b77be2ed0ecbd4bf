using FtpLite.Protocol;
using FtpLite.Client.Listing;
using FtpLite.Protocol.Listing;
using FtpLite.Storage;

namespace FtpLite.Server;

/// <summary>
/// MFMT (draft-somers-ftp-mfxx): sets a file's modification time, so a mirror that uploads can keep the source's time
/// and a second run finds nothing to copy.
/// </summary>
internal sealed partial class FtpSession
{
    private async Task MfmtAsync(FtpCommandLine command)
    {
        // "MFMT YYYYMMDDHHMMSS[.sss] path": the time is UTC, the path is the rest of the line (names may hold spaces).
        var argument = command.Argument;
        var space = argument.IndexOf(' ');
        var time = space > 0 ? MlsxParser.ParseTimeValue(argument.Substring(0, space)) : null;
        var name = space > 0 ? argument.Substring(space + 1) : string.Empty;
        if (time is null || name.Length == 0)
        {
            await ReplyAsync(501, "Syntax: MFMT YYYYMMDDHHMMSS path.").ConfigureAwait(false);
            return;
        }
        if (!StoreCan(FileStoreCapabilities.SetModifiedTime))
        {
            await ReplyAsync(502, "MFMT not supported by this storage.").ConfigureAwait(false);
            return;
        }
        if (!await AllowedAsync(FtpPermissions.Write).ConfigureAwait(false)) return;
        var path = await ResolveAsync(name).ConfigureAwait(false);
        if (path is null) return;
        var entry = await _store!.GetEntryAsync(path, _closing.Token).ConfigureAwait(false);
        if (entry is null || entry.IsDirectory)
        {
            await ReplyAsync(550, entry is null ? $"{name}: no such file." : $"{name}: is a folder, not a file.").ConfigureAwait(false);
            return;
        }
        await _store.SetLastWriteTimeAsync(path, time.Value, _closing.Token).ConfigureAwait(false);
        Changed(path, "modification time set");
        await ReplyAsync(213, $"Modify={ListingFormatter.FormatTime(time.Value)}; {name}").ConfigureAwait(false);
    }
}
