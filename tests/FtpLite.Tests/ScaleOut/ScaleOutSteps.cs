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

    /// <summary>Each node, on its own control port, lists <paramref name="name"/> at its length and serves it whole.</summary>
    public static async Task AssertEveryNodeServesAsync(ScaleOutLayout layout, string name, byte[] content)
    {
        for (var i = 0; i < layout.Nodes.Count; i++)
        {
            using var direct = await layout.ConnectNodeAsync(i);
            var listed = Assert.Single(await direct.ListAsync("/"), item => item.Name == name);
            Assert.Equal(content.Length, listed.Length);
            Assert.Equal(content, await DownloadAsync(direct, name));
        }
    }

    /// <summary>Connections through the front, until every node has served <paramref name="name"/> whole (bounded).</summary>
    public static async Task AssertTheFrontReachesEveryNodeAsync(ScaleOutLayout layout, string name, byte[] content)
    {
        var served = new HashSet<int>();
        for (var attempt = 0; attempt < 30 && served.Count < layout.Nodes.Count; attempt++)
        {
            using var client = await layout.ConnectFrontAsync();
            var node = await layout.ServingNodeAsync(client);
            Assert.Contains(await client.ListAsync("/"), item => item.Name == name);
            Assert.Equal(content, await DownloadAsync(client, name));
            served.Add(node);
        }
        Log($"front connections served by nodes {string.Join(", ", served.Order().Select(n => n + 1))}");
        Assert.Equal(layout.Nodes.Count, served.Count);
    }

    /// <summary>Every node serves the same content for <paramref name="name"/>: one of the two uploads, whole.</summary>
    public static async Task AssertEveryNodeServesOneWholeOfAsync(ScaleOutLayout layout, string name, byte[] first, byte[] second)
    {
        var seen = new List<byte[]>();
        for (var i = 0; i < layout.Nodes.Count; i++)
        {
            using var direct = await layout.ConnectNodeAsync(i);
            seen.Add(await DownloadAsync(direct, name));
        }
        var whole = seen[0];
        Assert.True(whole.SequenceEqual(first) || whole.SequenceEqual(second), $"{name} is {whole.Length} bytes, neither upload whole");
        Assert.All(seen, s => Assert.Equal(whole, s));
        Log($"{name} holds the {(whole.SequenceEqual(first) ? "first" : "second")} upload, whole");
    }

    /// <summary>
    /// kill -9 of the node receiving <paramref name="upload"/> while its source is held; then the source goes on, and
    /// the upload fails (its connections died with the node).
    /// </summary>
    public static async Task KillMidUploadAsync(ScaleOutLayout layout, int victim, HeldStream source, Task upload, string detail)
    {
        await layout.KillAsync(victim);
        Log($"node {victim + 1} killed with SIGKILL mid-upload{detail}");
        source.Release();
        await Assert.ThrowsAnyAsync<Exception>(() => upload.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    /// <summary>
    /// Each live node, on its own control port, serves <paramref name="name"/> whole and lists it alone at its length
    /// (what a dead node was writing is nowhere in its listing).
    /// </summary>
    public static async Task AssertLiveNodesServeOnlyAsync(ScaleOutLayout layout, int deadNode, string name, byte[] content)
    {
        for (var i = 0; i < layout.Nodes.Count; i++)
        {
            if (i == deadNode) continue;
            using var direct = await layout.ConnectNodeAsync(i);
            Assert.Equal(content, await DownloadAsync(direct, name));
            var listed = Assert.Single(await direct.ListAsync("/"));
            Assert.Equal(name, listed.Name);
            Assert.Equal(content.Length, listed.Length);
        }
    }

    /// <summary>Later connections through the front all land on live nodes (bounded), which serve <paramref name="name"/> whole.</summary>
    public static async Task AssertTheFrontAvoidsAsync(ScaleOutLayout layout, int deadNode, string name, byte[] content)
    {
        for (var attempt = 0; attempt < 6; attempt++)
        {
            using var later = await layout.ConnectFrontAsync();
            Assert.NotEqual(deadNode, await layout.ServingNodeAsync(later));
            Assert.Equal(content, await DownloadAsync(later, name));
        }
    }
}
