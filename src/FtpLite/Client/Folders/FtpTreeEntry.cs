namespace FtpLite.Client;

/// <summary>
/// One entry of a walked folder tree (<see cref="LocalTree.Walk(string, int)"/>, <see cref="FtpClient.WalkAsync(string, int, CancellationToken)"/>).
/// </summary>
/// <param name="RelativePath">'/'-separated, relative to the walked root, without a leading '/': "a", "a/b.txt".</param>
/// <param name="IsDirectory">True for a folder; a folder comes before everything in it.</param>
/// <param name="Length">Bytes of a file; 0 for a folder; -1 when a remote listing did not say.</param>
/// <param name="LastWriteTimeUtc">Last modification in UTC; <see cref="DateTime.MinValue"/> when a remote listing did not say.</param>
public sealed record FtpTreeEntry(string RelativePath, bool IsDirectory, long Length, DateTime LastWriteTimeUtc)
{
    /// <summary>The entry's own name: the last segment of <see cref="RelativePath"/>.</summary>
    public string Name => RelativePath.Substring(RelativePath.LastIndexOf('/') + 1);

    /// <summary>How many folders deep the entry is: 1 for the root's own entries.</summary>
    public int Depth => RelativePath.Split('/').Length;
}
