using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Language;
using FtpLite.PowerShell.Infrastructure;

namespace FtpLite.PowerShell.Arguments;

/// <summary>Tab completion of this session's running servers: names for -Name, ids for -Id (each with its URL as tip).</summary>
public sealed class ServerCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
        var byId = string.Equals(parameterName, "Id", StringComparison.OrdinalIgnoreCase);
        return ServerRegistry.OwnedByCurrent()
            .Select(s => (Server: s, Text: byId ? s.Id.ToString(CultureInfo.InvariantCulture) : s.Name))
            .Where(s => s.Text.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .Select(s => new CompletionResult(RemotePathCompleter.Quote(s.Text), s.Text, CompletionResultType.ParameterValue,
                $"{s.Server.Name} ({s.Server.Url})"))
            .ToArray();
    }
}
