using System.Globalization;
using System.Management.Automation;

namespace FtpLite.PowerShell.Arguments;

/// <summary>
/// Reads a bare number given to a TimeSpan parameter as seconds: PowerShell itself would read 30 as 30 ticks.
/// A TimeSpan or a "hh:mm:ss" string passes through to the usual conversion.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class SecondsTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        switch (value)
        {
            case int or long or short or byte or double or float or decimal:
                return FromSeconds(Convert.ToDouble(value, CultureInfo.InvariantCulture));
            case string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds):
                return FromSeconds(seconds);
            default:
                return inputData;
        }
    }

    private static TimeSpan FromSeconds(double seconds)
    {
        if (double.IsNaN(seconds) || seconds < 0 || seconds > TimeSpan.MaxValue.TotalSeconds)
            throw new ArgumentTransformationMetadataException($"{seconds} is not a number of seconds a timeout can have.");
        return TimeSpan.FromSeconds(seconds);
    }
}
