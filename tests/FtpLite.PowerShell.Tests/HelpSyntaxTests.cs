using System.Globalization;
using FtpLite.PowerShell.Tests.Support;

namespace FtpLite.PowerShell.Tests;

/// <summary>
/// The hand-written help (en-US/FtpLite.PowerShell.dll-Help.xml) against what the cmdlets really take, for every cmdlet
/// the module exports: a parameter added in code and not in help, or a switch shown as taking a value, fails here with
/// the cmdlet and parameter named. The cmdlets come from Get-Command, so a new cmdlet is checked without a test edit.
/// </summary>
public class HelpSyntaxTests
{
    // What the engine adds to every cmdlet; help files leave them to <CommonParameters>. WhatIf and Confirm are the
    // cmdlet's own choice, so its help shows them.
    private const string CommonParametersScript =
        "$common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters |" +
        " Where-Object { $_ -notin 'WhatIf', 'Confirm' };";

    [Fact]
    public void EveryCmdletsHelpSyntax_MatchesItsParameterSets()
    {
        using var session = PowerShellSession.Start();
        var problems = new List<string>();

        foreach (var cmdlet in ExportedCmdlets(session))
        {
            var sets = ParameterSets(session, cmdlet);
            var items = SyntaxItems(session, cmdlet);
            problems.AddRange(CompareSyntax(cmdlet, sets, items));
        }

        Assert.True(problems.Count == 0, "The help's syntax differs from the cmdlets:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void EveryCmdlet_HasAnExampleAndADescriptionOfEachParameter()
    {
        using var session = PowerShellSession.Start();
        var problems = new List<string>();

        foreach (var cmdlet in ExportedCmdlets(session))
        {
            if (Convert.ToInt32(session.Run("@((Get-Help $args[0] -Examples).examples.example).Count", cmdlet).Single().BaseObject, CultureInfo.InvariantCulture) == 0)
            {
                problems.Add($"{cmdlet}: no example in help.");
            }
            var described = session.Run(
                "foreach ($p in @((Get-Help $args[0] -Full).parameters.parameter)) { if ($p.description) { $p.name } }", cmdlet)
                .Output.Select(o => o.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var parameters = session.Run(CommonParametersScript + "(Get-Command $args[0]).Parameters.Keys | Where-Object { $common -notcontains $_ }", cmdlet)
                .Output.Select(o => o.ToString());
            problems.AddRange(parameters.Where(p => !described.Contains(p)).Select(p => $"{cmdlet}: -{p} has no description in help."));
        }

        Assert.True(problems.Count == 0, "The help is missing pieces:\n" + string.Join("\n", problems));
    }

    /// <summary>The comparison itself, on plain data, so the messages can be checked without a module.</summary>
    internal static IEnumerable<string> CompareSyntax(string cmdlet, IReadOnlyList<ParameterSet> sets, IReadOnlyList<SyntaxItem> items)
    {
        var matched = new HashSet<SyntaxItem>();
        foreach (var set in sets)
        {
            // Help does not name parameter sets: a syntax item stands for the set whose parameter names it lists.
            var item = items.FirstOrDefault(i => i.Names.SetEquals(set.Names));
            if (item is null)
            {
                var nearest = items.OrderByDescending(i => i.Names.Intersect(set.Names, StringComparer.OrdinalIgnoreCase).Count()).FirstOrDefault();
                if (nearest is null)
                {
                    yield return $"{cmdlet}: parameter set '{set.Name}' has no syntax in help (help shows no syntax at all).";
                    continue;
                }
                var missing = set.Names.Except(nearest.Names, StringComparer.OrdinalIgnoreCase).Select(n => "-" + n);
                var extra = nearest.Names.Except(set.Names, StringComparer.OrdinalIgnoreCase).Select(n => "-" + n);
                yield return $"{cmdlet}: parameter set '{set.Name}' has no syntax in help; the nearest syntax lacks [{string.Join(", ", missing)}]" +
                    $" and has [{string.Join(", ", extra)}] that the set does not.";
                matched.Add(nearest);
                continue;
            }
            matched.Add(item);
            foreach (var parameter in set.Parameters)
            {
                var shown = item.Parameters.First(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
                if (parameter.IsSwitch && shown.HasValue)
                    yield return $"{cmdlet}: -{parameter.Name} in set '{set.Name}' is a switch but help's syntax shows it taking a value (remove its parameterValue from the syntax item).";
                if (!parameter.IsSwitch && !shown.HasValue)
                    yield return $"{cmdlet}: -{parameter.Name} in set '{set.Name}' takes a value but help's syntax shows it as a switch.";
                if (shown.Required is { } required && required != parameter.IsMandatory)
                    yield return $"{cmdlet}: -{parameter.Name} in set '{set.Name}' is {(parameter.IsMandatory ? "mandatory" : "optional")} but help says required={required.ToString().ToLowerInvariant()}.";
                if (!string.IsNullOrEmpty(shown.Position) && !string.Equals(shown.Position, Describe(parameter.Position), StringComparison.OrdinalIgnoreCase))
                    yield return $"{cmdlet}: -{parameter.Name} in set '{set.Name}' is at position {Describe(parameter.Position)} but help says {shown.Position}.";
            }
        }
        foreach (var item in items.Where(i => !matched.Contains(i)))
        {
            yield return $"{cmdlet}: help shows a syntax (-{string.Join(", -", item.Names)}) that no parameter set of the cmdlet has.";
        }
    }

    [Fact]
    public void CompareSyntax_NamesTheCmdletAndParameter_WhenHelpLacksOneOrShowsASwitchWithAValue()
    {
        var set = new ParameterSet("Path", [new SetParameter("Path", true, 0, false), new SetParameter("PassThru", false, null, true), new SetParameter("Force", false, null, true)]);
        var item = new SyntaxItem([new ShownParameter("Path", true, "0", true), new ShownParameter("Force", false, "named", true)]);
        var complete = new SyntaxItem([.. item.Parameters, new ShownParameter("PassThru", false, "named", false)]);

        var lacking = CompareSyntax("Send-X", [set], [item]).ToArray();
        var switchWithValue = CompareSyntax("Send-X", [set], [complete]).ToArray();

        Assert.Equal("Send-X: parameter set 'Path' has no syntax in help; the nearest syntax lacks [-PassThru] and has [] that the set does not.", Assert.Single(lacking));
        Assert.Equal("Send-X: -Force in set 'Path' is a switch but help's syntax shows it taking a value (remove its parameterValue from the syntax item).", Assert.Single(switchWithValue));
    }

    private static string Describe(int? position) => position is null ? "named" : position.Value.ToString(CultureInfo.InvariantCulture);

    private static IEnumerable<string> ExportedCmdlets(PowerShellSession session) =>
        session.Run("(Get-Command -Module FtpLite -CommandType Cmdlet).Name").Output.Select(o => o.ToString()).Order(StringComparer.Ordinal).ToArray();

    private static IReadOnlyList<ParameterSet> ParameterSets(PowerShellSession session, string cmdlet)
    {
        const string script = CommonParametersScript +
            "foreach ($set in (Get-Command $args[0]).ParameterSets) { foreach ($p in $set.Parameters) {" +
            " if ($common -notcontains $p.Name) { '{0}|{1}|{2}|{3}|{4}' -f $set.Name, $p.Name, $p.IsMandatory, $p.Position, ($p.ParameterType -eq [switch]) } } }";
        return session.Run(script, cmdlet).Output
            .Select(o => o.ToString().Split('|'))
            .GroupBy(f => f[0])
            .Select(g => new ParameterSet(g.Key, g.Select(f => new SetParameter(
                f[1], bool.Parse(f[2]), int.Parse(f[3], CultureInfo.InvariantCulture) is var p && p >= 0 ? p : null, bool.Parse(f[4]))).ToArray()))
            .ToArray();
    }

    private static IReadOnlyList<SyntaxItem> SyntaxItems(PowerShellSession session, string cmdlet)
    {
        // parameterValue is absent for a parameter shown as a switch; required and position may be left out of MAML.
        const string script =
            "$i = 0; foreach ($item in @((Get-Help $args[0] -Full).syntax.syntaxItem)) { foreach ($p in @($item.parameter)) {" +
            " '{0}|{1}|{2}|{3}|{4}' -f $i, $p.name, $p.required, $p.position, [bool]$p.parameterValue }; $i++ }";
        return session.Run(script, cmdlet).Output
            .Select(o => o.ToString().Split('|'))
            .GroupBy(f => f[0])
            .Select(g => new SyntaxItem(g.Select(f => new ShownParameter(
                f[1],
                bool.TryParse(f[2], out var required) ? required : null,
                f[3],
                bool.Parse(f[4]))).ToArray()))
            .ToArray();
    }

    internal sealed record SetParameter(string Name, bool IsMandatory, int? Position, bool IsSwitch);

    internal sealed record ParameterSet(string Name, IReadOnlyList<SetParameter> Parameters)
    {
        public HashSet<string> Names { get; } = Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    // Position as MAML writes it ("0", "named"), empty when it does not say; Required null when it does not say.
    internal sealed record ShownParameter(string Name, bool? Required, string Position, bool HasValue);

    internal sealed record SyntaxItem(IReadOnlyList<ShownParameter> Parameters)
    {
        public HashSet<string> Names { get; } = Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
