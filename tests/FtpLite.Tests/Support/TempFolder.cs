namespace FtpLite.Tests.Support;

/// <summary>A new empty folder under the system's temp folder, deleted with everything in it on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ftplite-test-" + Guid.NewGuid().ToString("N").Substring(0, 12));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(string relative) => System.IO.Path.Combine(Path, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    /// <summary>Writes a file of <paramref name="length"/> random bytes (seeded, so a failure repeats) and returns them.</summary>
    public byte[] WriteRandomFile(string relative, int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        var full = Combine(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return bytes;
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a failing test; the temp folder is cleaned by the system in time.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
