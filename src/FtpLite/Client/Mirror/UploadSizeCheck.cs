namespace FtpLite.Client;

/// <summary>
/// A mirror upload's size check a folder at a time: once every file of a server folder has its outcome, one listing of
/// that folder is compared with the lengths sent (instead of a SIZE after each STOR: one listing against twenty round
/// trips, in the bench's tree). A file the listing does not show with a size is asked with SIZE, as before. Results are
/// held until their folder is checked, then handed on (from the thread that ran the check).
/// </summary>
internal sealed class UploadSizeCheck
{
    private readonly FtpClient _session;
    private readonly Action<FtpMirrorResult> _report;
    private readonly CancellationToken _token;
    private readonly Dictionary<string, Folder> _folders = new(StringComparer.Ordinal);
    private readonly List<Task> _checks = new();

    /// <param name="session">Lists the folders (between its own transfers: a client runs one operation at a time).</param>
    /// <param name="remotePaths">Every file the run will upload, so a folder's last one is known.</param>
    /// <param name="report">Takes each result once its folder is checked.</param>
    /// <param name="token">Ends the checks.</param>
    public UploadSizeCheck(FtpClient session, IEnumerable<string> remotePaths, Action<FtpMirrorResult> report, CancellationToken token)
    {
        _session = session;
        _report = report;
        _token = token;
        foreach (var path in remotePaths)
        {
            var folder = FolderOf(path);
            if (!_folders.TryGetValue(folder, out var pending)) _folders[folder] = pending = new Folder();
            pending.Waiting++;
        }
    }

    /// <summary>A file's final outcome; the last of its folder starts that folder's check.</summary>
    public void Add(string remotePath, FtpMirrorResult result)
    {
        var folderPath = FolderOf(remotePath);
        Folder folder;
        lock (_folders)
        {
            folder = _folders[folderPath];
            folder.Results.Add((remotePath, result));
            if (--folder.Waiting > 0) return;
        }
        var check = CheckAsync(folderPath, folder.Results);
        lock (_checks) _checks.Add(check);
    }

    /// <summary>Waits for every folder's check (each has reported its results by then).</summary>
    public Task WhenCheckedAsync()
    {
        lock (_checks) return Task.WhenAll(_checks.ToList());
    }

    private async Task CheckAsync(string folder, List<(string RemotePath, FtpMirrorResult Result)> results)
    {
        Dictionary<string, long?>? listed = null;
        if (results.Any(r => r.Result.Succeeded))
        {
            try
            {
                listed = new Dictionary<string, long?>(StringComparer.Ordinal);
                foreach (var item in await _session.ListAsync(folder, _token).ConfigureAwait(false))
                    if (item.IsFile) listed[item.Name] = item.Length;
            }
            catch (FtpException e) when (e.Reply is not null)
            {
                listed = null; // The server will not list it: each file is asked on its own.
            }
        }
        foreach (var (remotePath, result) in results)
            _report(result.Succeeded && result.Transfer is { } moved ? await CheckOneAsync(remotePath, result, moved, listed).ConfigureAwait(false) : result);
    }

    private async Task<FtpMirrorResult> CheckOneAsync(string remotePath, FtpMirrorResult result, FtpTransferResult moved, Dictionary<string, long?>? listed)
    {
        try
        {
            long? remote = listed is not null && listed.TryGetValue(RemotePath.GetFileName(remotePath), out var length) ? length : null;
            if (remote is null)
            {
                // As a single upload's check: no SIZE, or a SIZE refused, leaves the copy unchecked.
                if (!_session.Features.Size) return result;
                try
                {
                    remote = await _session.GetSizeAsync(remotePath, _token).ConfigureAwait(false);
                }
                catch (FtpException e) when (e.Reply is not null)
                {
                    return result;
                }
            }
            if (remote != moved.Length)
            {
                return new FtpMirrorResult(result.Action, moved, new FtpException(FtpErrorKind.HashMismatch,
                    $"'{moved.LocalPath}' has {moved.Length} bytes, the server's '{moved.RemotePath}' has {remote}."), timeKept: false);
            }
            var checkedMove = new FtpTransferResult(moved.Direction, moved.LocalPath, moved.RemotePath, moved.Bytes, moved.Length, moved.ResumedFrom,
                moved.Duration, null, null, null, FtpVerification.Size);
            return new FtpMirrorResult(result.Action, checkedMove, null, result.TimeKept);
        }
        catch (Exception e) when (e is FtpException or IOException && !_token.IsCancellationRequested)
        {
            // The check could not be made (the session broke): the copy is not known to be whole.
            return new FtpMirrorResult(result.Action, moved, e, result.TimeKept);
        }
    }

    private static string FolderOf(string remotePath) => RemotePath.GetDirectoryName(remotePath) ?? RemotePath.Root;

    private sealed class Folder
    {
        public int Waiting { get; set; }

        public List<(string RemotePath, FtpMirrorResult Result)> Results { get; } = new();
    }
}
