using System.Globalization;
using System.Management.Automation;

namespace FtpLite.PowerShell.Arguments;

/// <summary>
/// Lets a port range be written as "50000-50100" or "50000" besides the int[] the parameter takes
/// (50000, 50100 or 50000..50100); the cmdlet checks the numbers.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class PortRangeTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is not string text) return inputData;

        var parts = text.Split('-');
        if (parts.Length > 2) throw Invalid(text);
        var ports = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out ports[i])) throw Invalid(text);
        }
        return ports;
    }

    private static ArgumentTransformationMetadataException Invalid(string text) =>
        new($"'{text}' is not a port range: write it as 'lowest-highest', for example '50000-50100'.");
}
