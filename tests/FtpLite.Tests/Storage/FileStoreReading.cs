using FtpLite.Storage;

namespace FtpLite.Tests.Storage;

/// <summary>Reads a store to the end, as tests want it: a whole listing, a whole file.</summary>
internal static class FileStoreReading
{
    /// <summary>Every entry of a folder, in the store's order; bounded, so that an endless listing fails the test.</summary>
    public static async Task<List<FileStoreEntry>> ListAllAsync(this IFileStore store, string directory, int max = 100_000)
    {
        var entries = new List<FileStoreEntry>();
        using var listing = store.List(directory);
        while (await listing.MoveNextAsync(CancellationToken.None))
        {
            entries.Add(listing.Current);
            if (entries.Count > max) throw new InvalidOperationException($"More than {max} entries.");
        }
        return entries;
    }

    /// <summary>The bytes of a file from <paramref name="offset"/> to its end.</summary>
    public static async Task<byte[]> ReadAllAsync(this IFileStore store, string path, long offset = 0)
    {
        using var stream = await store.OpenReadAsync(path, offset, CancellationToken.None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
