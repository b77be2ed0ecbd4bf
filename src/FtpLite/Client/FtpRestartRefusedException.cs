using FtpLite.Protocol;

namespace FtpLite.Client;

/// <summary>REST was refused: the transfer cannot resume, and a file transfer falls back to a whole one.</summary>
public sealed class FtpRestartRefusedException : FtpException
{
    public FtpRestartRefusedException(long offset, FtpReply reply)
        : base(FtpErrorKind.NotSupported, $"The server cannot restart at byte {offset}: {reply.Code} {reply.Message}", reply)
    {
        Offset = offset;
    }

    public long Offset { get; }
}
