using FtpLite.Protocol;
using FtpLite.Server.Data;

namespace FtpLite.Server;

/// <summary>
/// Transfer commands refused before any data moved (RETR of a missing file, STOR where writing is not allowed): the
/// client heard a 4xx/5xx, and the log hears of it too, or an operator watching the server sees nothing at all.
/// </summary>
internal sealed partial class FtpSession
{
    /// <summary>The last reply the command loop sent; read right after a handler, when no transfer is running.</summary>
    private FtpReply? _lastReply;

    private void NoteRefusedTransfer(FtpCommandLine command, Transfer? running)
    {
        if (command.Verb is not ("RETR" or "STOR" or "APPE" or "STOU")) return;
        // A transfer that started reports its own end; only a refusal before one is noted here.
        if (!ReferenceEquals(_transfer, running) || _lastReply is not { Code: >= 400 } reply) return;
        var path = VirtualPath.Resolve(_currentDirectory, command.Argument.Trim()) ?? command.Argument;
        _server.Statistics.TransferFailed();
        var e = Event(FtpServerEventKind.TransferFailed, $"{command.Verb} {path} refused: {reply.Code} {reply.Message}");
        e.Path = path;
        _server.Raise(e);
    }
}
