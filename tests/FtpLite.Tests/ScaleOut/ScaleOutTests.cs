using FtpLite.Client;
using FtpLite.Tests.Interop;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.ScaleOut;

/// <summary>
/// docs/scale-out.md's layout, driven through its front: three "ftplite serve" nodes on 127.0.0.2-4 over one shared
/// folder behind HAProxy on 127.0.0.1. Which node served a front connection is read from its PASV reply (each node's
/// passive range is its own); "through every node" also means each node's own control port.
/// </summary>
public class ScaleOutTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task UploadThroughTheFront_IsListedAndDownloadedThroughEveryNode()
    {
        using var shared = new TempFolder();
        using var local = new TempFolder();
        using var layout = await ScaleOutLayout.StartAsync(ScaleOutLayout.SharedFolder(shared.Path));
        var content = local.WriteRandomFile("landed.bin", 300_000, seed: 71);
        using (var uploader = await layout.ConnectFrontAsync())
        {
            Log($"uploading through the front, served by node {await layout.ServingNodeAsync(uploader) + 1}");
            await uploader.UploadAsync(new MemoryStream(content), "landed.bin");
        }

        // Each node's own control port: listed, and downloaded whole.
        for (var i = 0; i < layout.Nodes.Count; i++)
        {
            using var direct = await layout.ConnectNodeAsync(i);
            var listed = Assert.Single(await direct.ListAsync("/"), item => item.Name == "landed.bin");
            Assert.Equal(content.Length, listed.Length);
            Assert.Equal(content, await DownloadAsync(direct, "landed.bin"));
        }

        // Through the front, until every node has served a download (bounded).
        var served = new HashSet<int>();
        for (var attempt = 0; attempt < 30 && served.Count < layout.Nodes.Count; attempt++)
        {
            using var client = await layout.ConnectFrontAsync();
            var node = await layout.ServingNodeAsync(client);
            Assert.Contains(await client.ListAsync("/"), item => item.Name == "landed.bin");
            Assert.Equal(content, await DownloadAsync(client, "landed.bin"));
            served.Add(node);
        }
        Log($"front connections served by nodes {string.Join(", ", served.Order().Select(n => n + 1))}");
        Assert.Equal(layout.Nodes.Count, served.Count);
    }

    [Fact]
    public async Task Curl_UploadsThroughTheFront_AndEveryNodeServesTheFile_InPassiveAndExtendedPassiveMode()
    {
        using var shared = new TempFolder();
        using var local = new TempFolder();
        using var layout = await ScaleOutLayout.StartAsync(ScaleOutLayout.SharedFolder(shared.Path));
        var content = local.WriteRandomFile("curl.bin", 200_000, seed: 72);
        var user = $"{ScaleOutLayout.User}:{ScaleOutLayout.Password}";
        (await Curl.RunAsync("-u", user, "-T", local.Combine("curl.bin"), layout.FrontUrl + "curl.bin")).AssertSucceeded();

        for (var i = 0; i < layout.Nodes.Count; i++)
        {
            var node = layout.Nodes[i];
            // PASV with its announced address honoured (--ftp-skip-pasv-ip off): the data connection goes through the
            // front's port for this node's range, as a client outside would.
            var pasv = await Curl.RunAsync("-v", "-u", user, "--disable-epsv", "--no-ftp-skip-pasv-ip", "-o", local.Combine($"pasv{i}.bin"),
                $"ftp://{node.Address}:{node.ControlPort}/curl.bin");
            pasv.AssertSucceeded();
            var announced = System.Text.RegularExpressions.Regex.Match(pasv.StandardError, @"227 Entering Passive Mode \(127,0,0,1,(\d+),(\d+)\)");
            Assert.True(announced.Success, pasv.StandardError);
            Assert.True(node.OwnsPassivePort(int.Parse(announced.Groups[1].Value) * 256 + int.Parse(announced.Groups[2].Value)), announced.Value);
            Assert.Equal(content, File.ReadAllBytes(local.Combine($"pasv{i}.bin")));
            var listing = (await Curl.RunAsync("-u", user, "--list-only", $"ftp://{node.Address}:{node.ControlPort}/")).AssertSucceeded();
            Assert.Contains("curl.bin", listing.StandardOutput.Lines());
        }
        // EPSV through the front: the port alone, on the address the client already uses.
        for (var i = 0; i < layout.Nodes.Count; i++)
        {
            var epsv = (await Curl.RunAsync("-v", "-u", user, "-o", local.Combine($"epsv{i}.bin"), layout.FrontUrl + "curl.bin")).AssertSucceeded();
            Assert.Contains("229 Entering Extended Passive Mode", epsv.StandardError);
            Assert.Equal(content, File.ReadAllBytes(local.Combine($"epsv{i}.bin")));
        }
    }

    [Fact]
    public async Task TwoNodesReplacingOneFileAtOnce_LeaveOneWholeFile()
    {
        using var shared = new TempFolder();
        // Anonymous writers beside alice: two owners, so that neither upload waits for the other's (see the next test).
        using var layout = await ScaleOutLayout.StartAsync(ScaleOutLayout.SharedFolder(shared.Path), new[] { "--anonymous-write" });
        var old = Random(500_000, 80);
        var first = Random(4_000_000, 81);
        var second = Random(3_000_000, 82);
        using (var setup = await layout.ConnectFrontAsync()) await setup.UploadAsync(new MemoryStream(old), "same.bin");

        using var alice = await layout.ConnectNodeAsync(0);
        var anonymousOptions = layout.NodeOptions(1);
        anonymousOptions.UserName = FtpClientOptions.AnonymousUser;
        anonymousOptions.Password = "anonymous@";
        using var anonymous = await FtpClient.ConnectAsync(anonymousOptions);
        var firstSource = new HeldStream(first, 1_000_000);
        var secondSource = new HeldStream(second, 1_000_000);
        var firstUpload = alice.UploadAsync(firstSource, "same.bin");
        var secondUpload = anonymous.UploadAsync(secondSource, "same.bin");
        // Both mid-transfer at once, on two nodes; then both go on to their ends together.
        await Task.WhenAll(firstSource.Reached, secondSource.Reached).WaitAsync(Bound);
        firstSource.Release();
        secondSource.Release();
        await Task.WhenAll(firstUpload, secondUpload).WaitAsync(Bound);

        var seen = new List<byte[]>();
        for (var i = 0; i < layout.Nodes.Count; i++)
        {
            using var direct = await layout.ConnectNodeAsync(i);
            seen.Add(await DownloadAsync(direct, "same.bin"));
        }
        var whole = seen[0];
        Assert.True(whole.SequenceEqual(first) || whole.SequenceEqual(second), $"same.bin is {whole.Length} bytes, neither upload whole");
        Assert.All(seen, s => Assert.Equal(whole, s));
        Log($"same.bin holds the {(whole.SequenceEqual(first) ? "first" : "second")} upload, whole");
        Assert.Empty(Hidden(shared.Path));
    }

    [Fact]
    public async Task OneUserReplacingOneFileThroughTwoNodesAtOnce_IsRefusedOnTheSecond_AndTheFirstLandsWhole()
    {
        using var shared = new TempFolder();
        using var layout = await ScaleOutLayout.StartAsync(ScaleOutLayout.SharedFolder(shared.Path));
        var old = Random(500_000, 90);
        var first = Random(4_000_000, 91);
        using (var setup = await layout.ConnectFrontAsync()) await setup.UploadAsync(new MemoryStream(old), "same.bin");
        using var onNode1 = await layout.ConnectNodeAsync(0);
        using var onNode3 = await layout.ConnectNodeAsync(2);
        var source = new HeldStream(first, 1_000_000);
        var upload = onNode1.UploadAsync(source, "same.bin");
        await source.Reached.WaitAsync(Bound);

        // One user's pending upload of a file is one hidden file in the shared folder, locked by the node writing it.
        var refused = await Assert.ThrowsAsync<FtpException>(() => onNode3.UploadAsync(new MemoryStream(Random(100_000, 92)), "same.bin"));
        Log($"second node: {refused.Message}");
        Assert.Contains("Another session of yours is uploading this file", refused.Message);
        Assert.Equal(old, await DownloadAsync(onNode3, "same.bin"));

        source.Release();
        await upload.WaitAsync(Bound);
        Assert.Equal(first, await DownloadAsync(onNode3, "same.bin"));
        Assert.Empty(Hidden(shared.Path));
    }

    [Fact]
    public async Task NodeKilledMidUpload_OldFileWhole_OtherNodesServe_ClientReconnectsThroughTheFrontAndResumes()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("POSIX signals are not available on Windows");
        using var shared = new TempFolder();
        using var local = new TempFolder();
        using var layout = await ScaleOutLayout.StartAsync(ScaleOutLayout.SharedFolder(shared.Path));
        var old = Random(700_000, 100);
        var content = local.WriteRandomFile("new.bin", 3_000_000, seed: 101);
        using (var setup = await layout.ConnectFrontAsync()) await setup.UploadAsync(new MemoryStream(old), "target.bin");

        using var client = await layout.ConnectFrontAsync();
        var victim = await layout.ServingNodeAsync(client);
        var source = new HeldStream(content, 1_500_000);
        var upload = client.UploadAsync(source, "target.bin");
        await source.Reached.WaitAsync(Bound);
        // The node has written what it received to the pending upload; another node tells its length (SIZE answers a
        // user's pending upload), so the kill comes after over a megabyte arrived (bounded: 200 polls).
        var other = (victim + 1) % layout.Nodes.Count;
        using (var watcher = await layout.ConnectNodeAsync(other))
        {
            for (var i = 0; i < 200 && await watcher.GetSizeAsync("target.bin") < 1_000_000; i++) await Task.Delay(25);
            Assert.InRange(await watcher.GetSizeAsync("target.bin"), 1_000_000, 1_500_000);
        }
        await layout.KillAsync(victim);
        Log($"node {victim + 1} killed with SIGKILL mid-upload");
        source.Release();
        await Assert.ThrowsAnyAsync<Exception>(() => upload.WaitAsync(Bound));

        // The old file is whole, and the other nodes serve it, each on its own control port.
        for (var i = 0; i < layout.Nodes.Count; i++)
        {
            if (i == victim) continue;
            using var direct = await layout.ConnectNodeAsync(i);
            Assert.Equal(old, await DownloadAsync(direct, "target.bin"));
            Assert.Single(await direct.ListAsync("/"), item => item.Name == "target.bin");
        }

        // The client comes back through the front: another node serves it and resumes the upload where it broke off.
        using (var again = await layout.ConnectFrontAsync())
        {
            var node = await layout.ServingNodeAsync(again);
            Assert.NotEqual(victim, node);
            var result = await again.UploadFileAsync(local.Combine("new.bin"), "target.bin", new FtpTransferOptions { Resume = true });
            Log($"reconnected through the front to node {node + 1}: resumed from {result.ResumedFrom:N0}, {result.Bytes:N0} bytes sent");
            Assert.InRange(result.ResumedFrom, 1_000_000, 1_500_000);
        }
        // Every later front connection lands on a live node (bounded), and the new file is whole there.
        for (var attempt = 0; attempt < 6; attempt++)
        {
            using var later = await layout.ConnectFrontAsync();
            Assert.NotEqual(victim, await layout.ServingNodeAsync(later));
            Assert.Equal(content, await DownloadAsync(later, "target.bin"));
        }
        Assert.Empty(Hidden(shared.Path));
    }

    [Fact]
    public async Task Lftp_DownloadingThroughTheFront_WhenItsNodeIsKilled_ReconnectsToAnotherAndFinishesTheFileWhole()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("POSIX signals are not available on Windows");
        var lftp = PeerProgram.Require("lftp");
        using var shared = new TempFolder();
        using var local = new TempFolder();
        using var layout = await ScaleOutLayout.StartAsync(ScaleOutLayout.SharedFolder(shared.Path));
        var content = Random(4_000_000, 110);
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

    [Fact]
    public async Task ThreeNodesSweepingOneFolderAtOnce_RemoveOnlyExpiredLeftovers_AndKeepServing()
    {
        using var shared = new TempFolder();
        // Leftovers of crashes three days ago in several folders, and one upload interrupted an hour ago (kept for a resume).
        var stale = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var path = shared.Combine($"f{i % 8}/.ftplite-{i:x32}.part");
            shared.WriteRandomFile($"f{i % 8}/.ftplite-{i:x32}.part", 1000 + i);
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddDays(-3));
            stale.Add(path);
        }
        var pending = shared.Combine("f0/.ftplite-ffffffffffffffffffffffffffffffff.part");
        shared.WriteRandomFile("f0/.ftplite-ffffffffffffffffffffffffffffffff.part", 5000);
        File.SetLastWriteTimeUtc(pending, DateTime.UtcNow.AddHours(-1));

        // Each node sweeps the folder as it starts: three sweeps over the same files at once.
        using var layout = await ScaleOutLayout.StartAsync(ScaleOutLayout.SharedFolder(shared.Path));
        for (var i = 0; i < 200 && stale.Any(File.Exists); i++) await Task.Delay(50);
        Assert.DoesNotContain(stale, File.Exists);
        Assert.True(File.Exists(pending), "the upload pending for an hour was swept");
        for (var i = 0; i < layout.Nodes.Count; i++)
        {
            using var direct = await layout.ConnectNodeAsync(i);
            Assert.Equal(8, (await direct.ListAsync("/")).Count);
            Assert.Empty(await direct.ListAsync("/f0"));
        }
        Assert.DoesNotContain("Exception", layout.Logs());
    }

    [Fact]
    public async Task LoginThrottle_IsPerNode_AndCountsEveryClientBehindTheProxyAsOneAddress()
    {
        using var shared = new TempFolder();
        using var layout = await ScaleOutLayout.StartAsync(ScaleOutLayout.SharedFolder(shared.Path));
        // Ten wrong passwords at node 1 (the budget of one address), at once, each on its own connection.
        var guesses = Enumerable.Range(0, 10).Select(async _ =>
        {
            var wrong = layout.NodeOptions(0);
            wrong.Password = "wrong";
            await Assert.ThrowsAnyAsync<Exception>(() => FtpClient.ConnectAsync(wrong));
        });
        await Task.WhenAll(guesses).WaitAsync(Bound);

        // Node 1 now refuses the right password from that address, which behind the proxy is every client's.
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => layout.ConnectNodeAsync(0));
        Log($"node 1 after ten failures: {refused.Message}");
        Assert.Contains("421", refused.Message);
        // The other nodes keep their own counts: they let the same client in.
        using (await layout.ConnectNodeAsync(1)) { }
        using (await layout.ConnectNodeAsync(2)) { }
    }

    private static async Task<byte[]> DownloadAsync(FtpClient client, string path)
    {
        using var buffer = new MemoryStream();
        await client.DownloadAsync(path, buffer);
        return buffer.ToArray();
    }

    private static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static long Length(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private static string[] Hidden(string root) => Directory.GetFiles(root, ".ftplite-*.part", SearchOption.AllDirectories);

    private static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
