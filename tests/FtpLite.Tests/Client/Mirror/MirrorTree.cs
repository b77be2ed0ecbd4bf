namespace FtpLite.Tests.Client.Mirror;

/// <summary>Trees for mirror tests: made on disk with known bytes and times, and compared the way `diff -r` would.</summary>
public static class MirrorTree
{
    /// <summary>A day ago: older than any copy a test makes, as a real source's files are.</summary>
    public static readonly DateTime Yesterday = new(DateTime.UtcNow.AddDays(-1).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    /// <summary>Makes <paramref name="folders"/> folders ("d000"…) of <paramref name="filesPerFolder"/> small files each, dated <see cref="Yesterday"/>.</summary>
    public static void Make(string root, int folders, int filesPerFolder)
    {
        for (var d = 0; d < folders; d++)
        {
            var folder = Path.Combine(root, $"d{d:000}");
            Directory.CreateDirectory(folder);
            for (var f = 0; f < filesPerFolder; f++)
            {
                var path = Path.Combine(folder, $"f{f:000}.txt");
                File.WriteAllText(path, $"folder {d} file {f}\n" + new string('x', (d * 7 + f) % 300));
                File.SetLastWriteTimeUtc(path, Yesterday);
            }
        }
    }

    /// <summary>Every file and folder below <paramref name="root"/>, '/'-separated, sorted.</summary>
    public static List<string> Paths(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p).Replace(Path.DirectorySeparatorChar, '/') + (Directory.Exists(p) ? "/" : string.Empty))
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToList();

    /// <summary>Asserts the two trees hold the same names and the same bytes (as `diff -r` finds no difference).</summary>
    public static void AssertSame(string expected, string actual)
    {
        var paths = Paths(expected);
        Assert.Equal(paths, Paths(actual));
        foreach (var file in paths.Where(p => !p.EndsWith('/')))
            Assert.True(File.ReadAllBytes(Path.Combine(expected, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, file))), file + " differs");
    }
}
