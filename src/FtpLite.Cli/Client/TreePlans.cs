using FtpLite.Cli.CommandLine;
using FtpLite.Cli.Commands;
using FtpLite.Client;

namespace FtpLite.Cli.Client;

/// <summary>
/// put -r and get -r before any file moves: walk the source tree (the library's walks), make its folders at the
/// target, and list the files as batch items. A folder that cannot be walked or made is one line on stderr and is left
/// out with what is in it; the rest goes on, and the plan's exit code says something was left out.
/// </summary>
internal static class TreePlans
{
    public sealed record Plan(List<FtpBatchItem> Items, int ExitCode);

    public static async Task<Plan> ForUploadAsync(
        FtpClient client, string localRoot, string remoteRoot, FtpTransferOptions transfer, CommandContext context, CancellationToken cancel)
    {
        var problems = new Problems(context);

        await client.CreateDirectoryAsync(remoteRoot, recursive: true, cancel).ConfigureAwait(false);
        var items = new List<FtpBatchItem>();
        var left = new List<string>();
        // A folder made in this run has no children yet: its subfolders need only MKD, not a look first. An existing
        // folder may have them: each subfolder is looked up.
        var made = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in LocalTree.Walk(localRoot, 64, e => problems.Fail(e.Message, ExitCodes.Failure)))
        {
            if (IsUnder(entry.RelativePath, left)) continue;
            var local = Path.Combine(localRoot, entry.RelativePath.Replace('/', Path.DirectorySeparatorChar));
            var remote = RemotePath.Combine(remoteRoot, entry.RelativePath);
            if (!entry.IsDirectory)
            {
                items.Add(new FtpBatchItem(FtpTransferDirection.Upload, local, remote, transfer, entry.Length));
                continue;
            }
            try
            {
                if (made.Contains(Parent(entry.RelativePath)))
                {
                    await client.CreateDirectoryAsync(remote, cancel).ConfigureAwait(false);
                    made.Add(entry.RelativePath);
                }
                else if (await client.GetItemAsync(remote, cancel).ConfigureAwait(false) is not { IsDirectory: true })
                {
                    // Missing (or a file there, which mkdir -p reports): made, so its subfolders are new too.
                    await client.CreateDirectoryAsync(remote, recursive: true, cancel).ConfigureAwait(false);
                    made.Add(entry.RelativePath);
                }
            }
            catch (FtpException e) when (e.Reply is not null || e.Kind == FtpErrorKind.AlreadyExists)
            {
                problems.Fail($"cannot make the folder '{remote}': {e.Message}", ClientFailure.ExitCodeOf(e, transfer: false));
                left.Add(entry.RelativePath);
            }
        }
        return new Plan(items, problems.ExitCode);
    }

    public static async Task<Plan> ForDownloadAsync(
        FtpClient client, string remoteRoot, string localRoot, FtpTransferOptions transfer, CommandContext context, CancellationToken cancel)
    {
        var problems = new Problems(context);

        var tree = await client.WalkAsync(remoteRoot, 64, e => problems.Fail(e.Message, ExitCodes.Failure), cancel).ConfigureAwait(false);
        if (File.Exists(localRoot)) throw new IOException($"'{localRoot}' is a file, so the folder '{remoteRoot}' cannot go there");
        Directory.CreateDirectory(localRoot);
        var items = new List<FtpBatchItem>();
        var left = new List<string>();
        foreach (var entry in tree)
        {
            if (IsUnder(entry.RelativePath, left)) continue;
            var remote = RemotePath.Combine(remoteRoot, entry.RelativePath);
            // A server's name is not trusted to be a plain local name ("..", a separator): such an entry is left out.
            if (entry.Name is "." or ".." || entry.Name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || entry.Name.IndexOf('\\') >= 0)
            {
                problems.Fail($"'{remote}' has a name that cannot be a local file name here; it was skipped", ExitCodes.Failure);
                left.Add(entry.RelativePath);
                continue;
            }
            var local = Path.Combine(localRoot, entry.RelativePath.Replace('/', Path.DirectorySeparatorChar));
            if (!entry.IsDirectory)
            {
                items.Add(new FtpBatchItem(FtpTransferDirection.Download, local, remote, transfer, entry.Length >= 0 ? entry.Length : null));
                continue;
            }
            try
            {
                if (File.Exists(local)) throw new IOException($"'{local}' is a file, so the folder '{remote}' cannot go there");
                Directory.CreateDirectory(local);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Fail(e.Message, ExitCodes.Failure);
                left.Add(entry.RelativePath);
            }
        }
        return new Plan(items, problems.ExitCode);
    }

    /// <summary>The plan's problems: each one line on stderr; the first one's exit code is the plan's.</summary>
    private sealed class Problems
    {
        private readonly CommandContext _context;

        public Problems(CommandContext context) => _context = context;

        public int ExitCode { get; private set; } = ExitCodes.Success;

        public void Fail(string message, int code)
        {
            _context.Error.WriteLine($"{CliApplication.ToolName}: {ClientFailure.OneLine(message)}");
            if (ExitCode == ExitCodes.Success) ExitCode = code;
        }
    }

    private static string Parent(string relativePath)
    {
        var slash = relativePath.LastIndexOf('/');
        return slash < 0 ? string.Empty : relativePath.Substring(0, slash);
    }

    private static bool IsUnder(string relativePath, List<string> folders) =>
        folders.Any(f => relativePath.StartsWith(f + "/", StringComparison.Ordinal));
}
