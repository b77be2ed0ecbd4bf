using FtpLite.Storage;

namespace FtpLite.Server;

/// <summary>
/// The one place a failure becomes a reply. RFC 959: 5yz when the same command will fail again (not found, denied,
/// read-only, a name no file may have), 4yz only for what may clear (452 a full disk, 451 anything unforeseen).
/// The text says what happened, never where: no server path, no exception text.
/// </summary>
internal static class ErrorReplies
{
    public static (int Code, string Text) For(Exception e)
    {
        var failure = e is IOException or UnauthorizedAccessException ? IoFailure.Classify(e) : null;
        if (failure is null) return (451, "Local error in processing.");
        return (CodeFor(failure.Error), failure.Message);
    }

    public static int CodeFor(FileStoreError error) => error switch
    {
        FileStoreError.InvalidName => 553,
        FileStoreError.NoSpace => 452,
        FileStoreError.Failed => 451,
        _ => 550,
    };
}
