#if NETSTANDARD2_0
namespace System.Runtime.CompilerServices;

/// <summary>Lets records compile for netstandard2.0, whose base library lacks this marker (net5.0+ has it).</summary>
internal static class IsExternalInit
{
}
#endif
