namespace FtpLite.Client;

/// <summary>
/// One folder of a remote tree as <see cref="FtpClient.WalkFoldersAsync"/> hands it over, once its listing has arrived.
/// </summary>
/// <param name="FullName">The folder's absolute remote path ("/logs/2026").</param>
/// <param name="RelativePath">'/'-separated, relative to the walked root, without a leading '/'; empty for the root itself.</param>
/// <param name="Depth">How many folders below the root: 0 for the root, 1 for its subfolders.</param>
/// <param name="Items">
/// Everything the listing showed, in ordinal name order: files, folders, and symbolic links (and anything else) as
/// entries of their own. Links are never walked into.
/// </param>
public sealed record FtpTreeFolder(string FullName, string RelativePath, int Depth, IReadOnlyList<FtpListItem> Items);
