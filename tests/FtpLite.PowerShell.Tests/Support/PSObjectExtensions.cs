using System.Management.Automation;

namespace FtpLite.PowerShell.Tests.Support;

public static class PSObjectExtensions
{
    /// <summary>A property of an output object, as a script reads it (the module's types are not referenced by the tests).</summary>
    public static T Get<T>(this PSObject item, string property)
    {
        var member = item.Properties[property] ?? throw new InvalidOperationException($"The object has no property '{property}'.");
        return (T)LanguagePrimitives.ConvertTo(member.Value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
