using FtpLite.Client;
using FtpLite.Tests.Interop;
using FtpLite.Tests.Support;

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

    /// <summary>
    /// lftp downloads <paramref name="content"/> (uploaded first) through the front, slowed; its node is killed once a
    /// quarter has arrived: lftp reconnects by itself, lands on a live node, sends REST and finishes the file whole.
    /// </summary>
    public static async Task LftpDownloadOutlivesItsNodeAsync(string lftp, ScaleOutLayout layout, byte[] content)
    {
        using var local = new TempFolder();
        using (var setup = await layout.ConnectFrontAsync()) await setup.UploadAsync(new MemoryStream(content), "big.bin");
        // The setup's login is counted before lftp's (its line may still be on its way from the node's output).
        for (var i = 0; i < 200 && Enumerable.Range(0, layout.Nodes.Count).Sum(layout.LoginsServed) < 1; i++) await Task.Delay(25);
        var loginsBefore = Enumerable.Range(0, layout.Nodes.Count).Select(layout.LoginsServed).ToArray();
        Assert.Equal(1, loginsBefore.Sum());

        // Slowed to ~10 s for the whole file, so that the kill comes mid-transfer; retries a second apart, from where it was.
        var target = local.Combine("big.bin");
        var script =
            $"debug -o \"{local.Combine("lftp.log")}\" 5; " +
            "set ftp:ssl-allow no; set net:limit-rate 400000; set net:timeout 10; set net:max-retries 5; " +
            "set net:reconnect-interval-base 1; set net:reconnect-interval-max 2; set cmd:fail-exit yes; " +
            $"open -u \"{ScaleOutLayout.User},{ScaleOutLayout.Password}\" -p {layout.FrontPort} {ScaleOutLayout.FrontAddress}; " +
            $"get big.bin -o \"{target}\"";
        var run = PeerProgram.RunAsync(lftp, new[] { "--norc", "-c", script }, timeout: TimeSpan.FromSeconds(90));

        // lftp's node is the one whose logins went up; kill it once a quarter of the file has arrived (bounded polls).
        var victim = -1;
        for (var i = 0; i < 400 && (victim < 0 || Length(target) < 1_000_000) && !run.IsCompleted; i++)
        {
            if (victim < 0) victim = Enumerable.Range(0, layout.Nodes.Count).FirstOrDefault(n => layout.LoginsServed(n) > loginsBefore[n], -1);
            await Task.Delay(25);
        }
        Assert.True(victim >= 0 && !run.IsCompleted, "lftp's transfer was not caught running");
        var arrived = Length(target);
        await layout.KillAsync(victim);
        Log($"node {victim + 1} killed with {arrived:N0} bytes arrived at lftp");

        var result = (await run).AssertSucceeded();
        Assert.Equal(content, File.ReadAllBytes(target));
        var protocol = File.ReadAllText(local.Combine("lftp.log"));
        // It reconnected (a second login, on a live node) and went on from where it was, not from the start.
        var resumed = System.Text.RegularExpressions.Regex.Match(protocol, @"---> REST (\d+)");
        Assert.True(resumed.Success, "lftp sent no REST after the reconnect:\n" + protocol);
        Log($"lftp: {resumed.Value.Trim()}");
        Assert.InRange(long.Parse(resumed.Groups[1].Value), 1, content.Length - 1);
        Assert.Contains(Enumerable.Range(0, layout.Nodes.Count), n => n != victim && layout.LoginsServed(n) > loginsBefore[n]);
    }

    private static long Length(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
