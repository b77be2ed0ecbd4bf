using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using FtpLite.Client;
using FtpLite.PowerShell.Client;
using FtpLite.PowerShell.Infrastructure;

namespace FtpLite.PowerShell.Arguments;

/// <summary>
/// Tab completion of remote paths from the server of -Session or of the default session: one listing of the folder
/// being typed in, waited for at most a second and a half, never from the local disk. One-shot -Server connections
/// are not opened for it (a login per Tab would be slow); a busy or closed session completes nothing.
/// </summary>
public sealed class RemotePathCompleter : IArgumentCompleter
{
    private static readonly TimeSpan Wait = TimeSpan.FromMilliseconds(1500);
    private const int MaxResults = 200;

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var session = fakeBoundParameters?["Session"] is { } given ? PSObject.AsPSObject(given).BaseObject as FtpLiteSession : SessionRegistry.Default;
        if (session is null || !session.Client.IsConnected) return Array.Empty<CompletionResult>();

        var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
        var slash = typed.LastIndexOf('/');
        var typedParent = slash < 0 ? string.Empty : typed.Substring(0, slash + 1);
        var prefix = slash < 0 ? typed : typed.Substring(slash + 1);
        var client = session.Client;
        var folder = RemotePath.Resolve(client.WorkingDirectory, typedParent.Length == 0 ? "." : RemoteWildcard.Unescape(typedParent));

        IReadOnlyList<FtpListItem> items;
        try
        {
            var listing = client.ListAsync(folder, CancellationToken.None);
            // Not cancelled when slow: cancelling would close the session's connection; the listing ends on its own.
            if (!listing.Wait(Wait)) return Array.Empty<CompletionResult>();
            items = listing.Result;
        }
        catch (AggregateException)
        {
            return Array.Empty<CompletionResult>();
        }

        var foldersOnly = string.Equals(parameterName, "Destination", StringComparison.OrdinalIgnoreCase);
        var wildcards = string.Equals(parameterName, "Path", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(commandName, "Rename-FtpLiteItem", StringComparison.OrdinalIgnoreCase);
        return items
            .Where(i => (!foldersOnly || i.IsDirectory) && i.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .OrderBy(i => i.IsDirectory ? 0 : 1).ThenBy(i => i.Name, StringComparer.Ordinal)
            .Take(MaxResults)
            .Select(i => new CompletionResult(
                Quote(typedParent + (wildcards ? RemoteWildcard.Escape(i.Name) : i.Name)),
                i.Name,
                i.IsDirectory ? CompletionResultType.ProviderContainer : CompletionResultType.ProviderItem,
                i.FullName))
            .ToArray();
    }

    /// <summary>Single quotes around text PowerShell would otherwise split or expand (spaces, $, backticks…).</summary>
    internal static string Quote(string text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || "'\"`$&(){};,|<>@#".IndexOf(c) >= 0)
                return "'" + text.Replace("'", "''") + "'";
        }
        return text;
    }
}
