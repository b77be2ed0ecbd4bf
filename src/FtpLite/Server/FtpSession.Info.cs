using FtpLite.Protocol;
using FtpLite.Protocol.Hashing;
using FtpLite.Protocol.Listing;

namespace FtpLite.Server;

internal sealed partial class FtpSession
{
    private Task FeatAsync()
    {
        var hashes = string.Join(";", FtpHashAlgorithms.All.Select(a => a.WireName() + (a == _hashAlgorithm ? "*" : string.Empty)));
        var lines = new List<string> { "Features:" };
        if (_options.Certificate is not null) lines.AddRange(new[] { " AUTH TLS", " PBSZ", " PROT" });
        lines.AddRange(new[]
        {
            " EPRT",
            " EPSV",
            " HASH " + hashes,
            " MDTM",
            " MLST " + MlstFactList(selectedOnly: false),
            " PASV",
            " REST STREAM",
            " SIZE",
            " TVFS",
            " UTF8",
            "End",
        });
        return ReplyAsync(211, lines);
    }

    private Task HelpAsync()
    {
        var lines = new List<string> { "The following commands are recognized:" };
        var verbs = KnownVerbs.ToList();
        for (var i = 0; i < verbs.Count; i += 8) lines.Add(" " + string.Join(" ", verbs.Skip(i).Take(8)));
        lines.Add("Help OK.");
        return ReplyAsync(214, lines);
    }

    private Task OptsAsync(FtpCommandLine command)
    {
        var space = command.Argument.IndexOf(' ');
        var option = (space < 0 ? command.Argument : command.Argument.Substring(0, space)).ToUpperInvariant();
        var value = space < 0 ? string.Empty : command.Argument.Substring(space + 1).Trim();
        switch (option)
        {
            case "UTF8":
            case "UTF-8":
                return ReplyAsync(200, "UTF8 is always on.");
            case "MLST":
                _mlstFacts = ParseFacts(value);
                return ReplyAsync(200, "MLST OPTS " + MlstFactList(selectedOnly: true));
            case "HASH":
                if (value.Length == 0) return ReplyAsync(200, _hashAlgorithm.WireName());
                if (!FtpHashAlgorithms.TryParse(value, out var algorithm)) return ReplyAsync(501, $"Unknown hash algorithm '{value}'.");
                _hashAlgorithm = algorithm;
                return ReplyAsync(200, algorithm.WireName());
            default:
                return ReplyAsync(501, $"Option '{option}' not understood.");
        }
    }

    private async Task StatAsync(FtpCommandLine command)
    {
        if (!command.HasArgument)
        {
            await ReplyAsync(211, new[]
            {
                "FtpLite status:",
                $" Connected from {RemoteEndPoint.Address}",
                $" Logged in as {_userName}",
                $" TYPE: {(_binary ? "BINARY" : "ASCII")}, STRUcture: File, MODE: Stream",
                " No data connection",
                "End of status",
            }).ConfigureAwait(false);
            return;
        }
        if (!await AllowedAsync(FtpPermissions.Read).ConfigureAwait(false)) return;
        var (path, pattern) = await ResolveListingTargetAsync(command.Argument).ConfigureAwait(false);
        if (path is null) return;
        await StreamReplyAsync(213, "Status of " + path + ":", ListingLines(path, pattern, ListingKind.Long, argument: string.Empty),
            _options.MaxListingEntries, "End of status", cap => "End of status: " + ListingCapNote(cap)).ConfigureAwait(false);
    }

    private Task SiteAsync(FtpCommandLine command) =>
        command.Argument.Trim().Equals("HELP", StringComparison.OrdinalIgnoreCase)
            ? ReplyAsync(214, "No SITE commands are offered.")
            : ReplyAsync(504, "SITE command not implemented for that parameter.");

    private string MlstFactList(bool selectedOnly)
    {
        var names = new[] { (MlstFacts.Type, "type"), (MlstFacts.Size, "size"), (MlstFacts.Modify, "modify"), (MlstFacts.Perm, "perm") };
        return string.Concat(names
            .Where(n => !selectedOnly || (_mlstFacts & n.Item1) != 0)
            .Select(n => n.Item2 + ((_mlstFacts & n.Item1) != 0 && !selectedOnly ? "*" : string.Empty) + ";"));
    }

    private static MlstFacts ParseFacts(string value)
    {
        var facts = MlstFacts.None;
        foreach (var name in value.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries))
        {
            facts |= name.Trim().ToLowerInvariant() switch
            {
                "type" => MlstFacts.Type,
                "size" => MlstFacts.Size,
                "modify" => MlstFacts.Modify,
                "perm" => MlstFacts.Perm,
                _ => MlstFacts.None,
            };
        }
        return facts;
    }
}
