namespace FtpLite.Client;

/// <summary>
/// A part of a walked tree that was not walked: a folder that could not be read, or one nested deeper than the walk's
/// bound (a link loop, most likely). The walk reports it (throws it, or hands it to the caller's handler and goes on);
/// it never drops a part silently.
/// </summary>
public sealed class FtpTreeException : IOException
{
    public FtpTreeException(string relativePath, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        RelativePath = relativePath;
    }

    /// <summary>The folder not walked, relative to the root ('/'-separated; empty for the root itself).</summary>
    public string RelativePath { get; }

    /// <summary>True when the folder was skipped for being deeper than the bound, not for being unreadable.</summary>
    public bool TooDeep { get; internal set; }

    internal static FtpTreeException Deep(string relativePath, string shown, int maxDepth) =>
        new(relativePath, $"'{shown}' is nested more than {maxDepth} folders deep (a link loop?); it was not walked.") { TooDeep = true };

    internal static FtpTreeException Unreadable(string relativePath, string shown, Exception inner) =>
        new(relativePath, $"'{shown}' could not be read: {inner.Message}", inner);
}
