using FtpLite.Protocol;

namespace FtpLite.Server;

internal sealed partial class FtpSession
{
    private Task PwdAsync() => ReplyAsync(257, $"{VirtualPath.Quote(_currentDirectory)} is the current directory.");

    private async Task CwdAsync(string argument)
    {
        var path = await ResolveAsync(argument).ConfigureAwait(false);
        if (path is null) return;
        var entry = await _store!.GetEntryAsync(path, _closing.Token).ConfigureAwait(false);
        if (entry is null || !entry.IsDirectory)
        {
            await ReplyAsync(550, entry is null ? $"{argument}: no such folder." : $"{argument}: not a folder.").ConfigureAwait(false);
            return;
        }
        _currentDirectory = path;
        await ReplyAsync(250, $"Directory changed to {path}.").ConfigureAwait(false);
    }

    private async Task MkdAsync(FtpCommandLine command)
    {
        if (!await AllowedAsync(FtpPermissions.Write).ConfigureAwait(false)) return;
        var path = await ResolveAsync(command.Argument).ConfigureAwait(false);
        if (path is null) return;
        await _store!.CreateDirectoryAsync(path, _closing.Token).ConfigureAwait(false);
        Changed(path, "created folder");
        await ReplyAsync(257, $"{VirtualPath.Quote(path)} created.").ConfigureAwait(false);
    }

    private async Task RmdAsync(FtpCommandLine command)
    {
        if (!await AllowedAsync(FtpPermissions.Delete).ConfigureAwait(false)) return;
        var path = await ResolveAsync(command.Argument).ConfigureAwait(false);
        if (path is null) return;
        await _store!.DeleteDirectoryAsync(path, _closing.Token).ConfigureAwait(false);
        Changed(path, "removed folder");
        await ReplyAsync(250, $"{path} removed.").ConfigureAwait(false);
    }

    private void Changed(string path, string what)
    {
        var e = Event(FtpServerEventKind.FileChanged, $"{what} {path}");
        e.Path = path;
        _server.Raise(e);
    }
}
