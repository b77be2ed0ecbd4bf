using FtpLite.Cli.Client;
using FtpLite.Cli.CommandLine;
using FtpLite.Client;

namespace FtpLite.Cli.Commands;

/// <summary>"ftplite ls [-R] [PATH] [--json]": a remote folder's contents (or one file's entry) on stdout; with -R, its tree.</summary>
public sealed class LsCommand : ICommand
{
    private static readonly OptionSpec Json = new("--json", null, "print one JSON array of {name, fullName, type, length, lastWriteTime, permissions}");
    private static readonly OptionSpec Recursive = new("--recursive", null, "list the subfolders too, folder by folder", "-R");

    public string Name => "ls";

    public string Summary => "List a remote folder.";

    public string Usage => "-H HOST [options] [-R] [PATH]";

    public IReadOnlyList<OptionSpec> Options { get; } = ClientOptionsReader.WithHostOption.Append(Json).Append(Recursive).ToArray();

    public string Details =>
        "Lists the login folder, or PATH (a folder, or one file). Text: type, length, time (UTC), name; folders\n" +
        "end in '/'. With --json: one array, type is file, directory, link or other, lastWriteTime ISO 8601 UTC,\n" +
        "absent facts null. Only the listing goes to stdout.\n" +
        "With -R, the folder's tree as ls -R prints it: a 'FOLDER:' line, then its items by name, a blank line,\n" +
        "then each subfolder the same way, each printed as soon as it is listed (with --json: one array of every\n" +
        "item, at the end). Links are listed, not followed. A folder deeper than 64 levels, or one the server\n" +
        "will not list, is one line on stderr and exit 1; the rest is listed.\n" +
        ExitCodes.ClientHelp;

    public async Task<int> RunAsync(ParsedArguments arguments, CommandContext context)
    {
        if (arguments.Positionals.Count > 1) throw new UsageException($"ls takes one path; unexpected '{arguments.Positionals[1]}'");
        var path = arguments.Positionals.Count == 1 ? arguments.Positionals[0] : null;
        if (path is { Length: 0 }) throw new UsageException("the path is empty");
        var json = arguments.Has(Json.Name);
        var recursive = arguments.Has(Recursive.Name);
        var options = ClientOptionsReader.Read(arguments, context);

        return await ClientRunner.RunAsync(options, context, async (client, cancel) =>
        {
            var leftOut = false;
            var code = await ClientRunner.RunItemAsync(context, transfer: false, async () =>
            {
                if (recursive)
                {
                    leftOut = await ListTreeAsync(client, path, json, context, cancel).ConfigureAwait(false);
                    return;
                }
                var items = await ListAsync(client, path, cancel).ConfigureAwait(false);
                if (json) context.Output.WriteLine(ListingFormat.Json(items));
                else foreach (var line in ListingFormat.Lines(items)) context.Output.WriteLine(line);
            }).ConfigureAwait(false);
            return code == ExitCodes.Success && leftOut ? ExitCodes.Failure : code;
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// ls -R: the library's walk, each folder printed as soon as it is listed (text), or every item in one array at the
    /// end (--json); a file lists itself. True when a folder was left out (reported on stderr as it happened).
    /// </summary>
    internal static async Task<bool> ListTreeAsync(FtpClient client, string? path, bool json, CommandContext context, CancellationToken cancel)
    {
        var root = path ?? client.WorkingDirectory;
        var item = await client.GetItemAsync(root, cancel).ConfigureAwait(false)
            ?? throw new FtpException(FtpErrorKind.NotFound, $"no such file or folder on the server: '{root}'");
        if (!item.IsDirectory)
        {
            if (json) context.Output.WriteLine(ListingFormat.Json(new[] { item }));
            else foreach (var line in ListingFormat.Lines(new[] { item })) context.Output.WriteLine(line);
            return false;
        }

        var all = new List<FtpListItem>(); // --json only
        var leftOut = false;
        var first = true;
        await client.WalkFoldersAsync(root, FtpClient.DefaultTreeDepth, folder =>
        {
            if (json)
            {
                all.AddRange(folder.Items);
                return;
            }
            if (!first) context.Output.WriteLine();
            first = false;
            context.Output.WriteLine(ClientFailure.OneLine(folder.FullName) + ":");
            foreach (var line in ListingFormat.Lines(folder.Items)) context.Output.WriteLine(line);
        }, e =>
        {
            context.Error.WriteLine($"{CliApplication.ToolName}: {ClientFailure.OneLine(e.Message)}");
            leftOut = true;
        }, cancel).ConfigureAwait(false);
        if (json) context.Output.WriteLine(ListingFormat.Json(all));
        return leftOut;
    }

    /// <summary>A folder's items, a file's own entry, or a not-found error.</summary>
    internal static async Task<IReadOnlyList<FtpListItem>> ListAsync(FtpClient client, string? path, CancellationToken cancel)
    {
        if (path is null) return await client.ListAsync(null, cancel).ConfigureAwait(false);
        var item = await client.GetItemAsync(path, cancel).ConfigureAwait(false)
            ?? throw new FtpException(FtpErrorKind.NotFound, $"no such file or folder on the server: '{path}'");
        return item.IsDirectory ? await client.ListAsync(path, cancel).ConfigureAwait(false) : new[] { item };
    }
}
