using System.Diagnostics;
using System.Security.Cryptography;
using FtpLite.Client;

namespace FtpLite.Stress;

/// <summary>What a soak run saw.</summary>
public sealed record SoakReport(int Clients, TimeSpan Duration, long Operations, long BytesUp, long BytesDown, long Mismatches, long Errors,
    long RssAfterWarmupKiB, long RssEndKiB, long RssMaxKiB, int FilesVerifiedAtEnd, IReadOnlyList<long> RssSamplesKiB);

/// <summary>
/// Many clients doing mixed put, get, list, rename and delete with random sizes for a while, against a server in its
/// own process. Every download is compared with what was uploaded; at the end every file left on disk is too.
/// The server's resident memory is sampled throughout.
/// </summary>
public static class SoakRun
{
    public static async Task<SoakReport> RunAsync(int clients, TimeSpan duration, int maxFileBytes, TextWriter log)
    {
        var root = Directory.CreateTempSubdirectory("ftplite-soak-").FullName;
        using var host = ServerProcess.Start(maxSessions: clients * 2 + 10, root);
        long operations = 0, up = 0, down = 0, mismatches = 0, errors = 0;
        var stop = DateTime.UtcNow + duration;
        var expected = new System.Collections.Concurrent.ConcurrentDictionary<string, byte[]>(); // remote path → SHA-256

        var samples = new List<long>();
        var sampler = Task.Run(async () =>
        {
            while (DateTime.UtcNow < stop)
            {
                lock (samples) samples.Add(host.ResidentKiB());
                await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, duration.TotalSeconds / 40)));
            }
        });

        var workers = Enumerable.Range(0, clients).Select(n => Task.Run(async () =>
        {
            var random = new Random(n);
            var folder = $"/w{n}";
            var mine = new List<string>();
            using var client = await FtpClient.ConnectAsync(new FtpClientOptions("127.0.0.1", host.EndPoint.Port));
            await client.CreateDirectoryAsync(folder);
            var serial = 0;
            while (DateTime.UtcNow < stop)
            {
                try
                {
                    var choice = mine.Count == 0 ? 0 : random.Next(10);
                    if (choice < 4)
                    {
                        var path = $"{folder}/f{serial++}.bin";
                        var content = new byte[random.Next(0, maxFileBytes)];
                        random.NextBytes(content);
                        await client.UploadAsync(new MemoryStream(content), path);
                        expected[path] = SHA256.HashData(content);
                        mine.Add(path);
                        Interlocked.Add(ref up, content.Length);
                    }
                    else if (choice < 7)
                    {
                        var path = mine[random.Next(mine.Count)];
                        var buffer = new MemoryStream();
                        await client.DownloadAsync(path, buffer);
                        if (!SHA256.HashData(buffer.ToArray()).AsSpan().SequenceEqual(expected[path])) Interlocked.Increment(ref mismatches);
                        Interlocked.Add(ref down, buffer.Length);
                    }
                    else if (choice < 8)
                    {
                        var names = (await client.ListAsync(folder)).Select(i => i.FullName).ToHashSet();
                        if (!mine.All(names.Contains)) Interlocked.Increment(ref mismatches);
                    }
                    else if (choice < 9)
                    {
                        var index = random.Next(mine.Count);
                        var to = $"{folder}/r{serial++}.bin";
                        await client.RenameAsync(mine[index], to);
                        expected.TryRemove(mine[index], out var hash);
                        expected[to] = hash!;
                        mine[index] = to;
                    }
                    else
                    {
                        var index = random.Next(mine.Count);
                        await client.DeleteFileAsync(mine[index]);
                        expected.TryRemove(mine[index], out _);
                        mine.RemoveAt(index);
                    }
                    Interlocked.Increment(ref operations);
                }
                catch (FtpException e)
                {
                    Interlocked.Increment(ref errors);
                    log.WriteLine($"client {n}: {e.Message}");
                }
            }
            await client.DisconnectAsync();
        })).ToList();

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(workers);
        await sampler;
        watch.Stop();

        // Every byte on disk is what its client last uploaded.
        var verified = 0;
        foreach (var (path, hash) in expected)
        {
            var local = Path.Combine(root, path.TrimStart('/'));
            if (!File.Exists(local) || !SHA256.HashData(File.ReadAllBytes(local)).AsSpan().SequenceEqual(hash)) mismatches++;
            else verified++;
        }
        var leftovers = Directory.GetFiles(root, "*.part", SearchOption.AllDirectories).Length;
        if (leftovers > 0) log.WriteLine($"{leftovers} temporary upload files left behind");
        mismatches += leftovers;

        var rssEnd = host.ResidentKiB();
        Directory.Delete(root, recursive: true);
        lock (samples)
        {
            var warm = samples.Count > 4 ? samples[samples.Count / 10] : samples.FirstOrDefault();
            return new SoakReport(clients, watch.Elapsed, operations, up, down, mismatches, errors, warm, rssEnd, samples.DefaultIfEmpty(rssEnd).Max(), verified, samples.ToList());
        }
    }
}
