using FtpLite.Cli.Client;
using FtpLite.Cli.CommandLine;
using FtpLite.Client;

namespace FtpLite.Cli.Commands;

/// <summary>"ftplite ls [PATH] [--json]": a remote folder's contents (or one file's entry) on stdout.</summary>
public sealed class LsCommand : ICommand
{
    private static readonly OptionSpec Json = new("--json", null, "print one JSON array of {name, fullName, type, length, lastWriteTime, permissions}");

    public string Name => "ls";

    public string Summary => "List a remote folder.";

    public string Usage => "-H HOST [options] [PATH]";

    public IReadOnlyList<OptionSpec> Options { get; } = ClientOptionsReader.WithHostOption.Append(Json).ToArray();

    public string Details =>
        "Lists the login folder, or PATH (a folder, or one file). Text: type, length, time (UTC), name; folders\n" +
        "end in '/'. With --json: one array, type is file, directory, link or other, lastWriteTime ISO 8601 UTC,\n" +
        "absent facts null. Only the listing goes to stdout.\n" +
        ExitCodes.ClientHelp;

    public async Task<int> RunAsync(ParsedArguments arguments, CommandContext context)
    {
        if (arguments.Positionals.Count > 1) throw new UsageException($"ls takes one path; unexpected '{arguments.Positionals[1]}'");
        var path = arguments.Positionals.Count == 1 ? arguments.Positionals[0] : null;
        if (path is { Length: 0 }) throw new UsageException("the path is empty");
        var json = arguments.Has(Json.Name);
        var options = ClientOptionsReader.Read(arguments, context);

        return await ClientRunner.RunAsync(options, context, (client, cancel) =>
            ClientRunner.RunItemAsync(context, transfer: false, async () =>
            {
                var items = await ListAsync(client, path, cancel).ConfigureAwait(false);
                if (json) context.Output.WriteLine(ListingFormat.Json(items));
                else foreach (var line in ListingFormat.Lines(items)) context.Output.WriteLine(line);
            })).ConfigureAwait(false);
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
