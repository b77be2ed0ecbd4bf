using FtpLite.Client;

namespace FtpLite.Tests.ScaleOut;

/// <summary>Small steps the scale-out tests share, whatever the nodes' store.</summary>
internal static class ScaleOutSteps
{
    public static async Task<byte[]> DownloadAsync(FtpClient client, string path)
    {
        using var buffer = new MemoryStream();
        await client.DownloadAsync(path, buffer);
        return buffer.ToArray();
    }

    /// <summary>Content that differs from test to test (by <paramref name="seed"/>) and from run to run not at all.</summary>
    public static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
