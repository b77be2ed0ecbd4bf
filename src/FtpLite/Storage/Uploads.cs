namespace FtpLite.Storage;

/// <summary>A replacement written to a temporary file beside the target and renamed over it only on commit.</summary>
internal sealed class ReplacingUpload : IUpload
{
    private readonly string _tempPath;
    private readonly string _targetPath;
    private bool _committed;

    public ReplacingUpload(FileStream stream, string tempPath, string targetPath)
    {
        Stream = stream;
        _tempPath = tempPath;
        _targetPath = targetPath;
    }

    public Stream Stream { get; }

    public void Commit()
    {
        Stream.Flush();
        Stream.Dispose();
        LocalFileStore.MoveReplacing(_tempPath, _targetPath);
        _committed = true;
    }

    public void Dispose()
    {
        Stream.Dispose();
        if (_committed) return;
        try
        {
            File.Delete(_tempPath);
        }
        catch (IOException)
        {
            // Left behind at worst; its name keeps it out of listings and out of reach of clients.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>An append or a resumed write, in place as its meaning demands.</summary>
internal sealed class InPlaceUpload : IUpload
{
    private readonly FileStream _stream;
    private readonly bool _truncateAtEnd;

    public InPlaceUpload(FileStream stream, bool truncateAtEnd)
    {
        _stream = stream;
        _truncateAtEnd = truncateAtEnd;
    }

    public Stream Stream => _stream;

    public void Commit()
    {
        // A resumed upload ends the file where the new data ends: what lay beyond belonged to the old version.
        if (_truncateAtEnd) _stream.SetLength(_stream.Position);
        _stream.Flush();
        _stream.Dispose(); // Closed before the 226 reply, so the client can use the file at once.
    }

    public void Dispose() => _stream.Dispose();
}
