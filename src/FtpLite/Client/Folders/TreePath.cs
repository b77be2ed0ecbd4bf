namespace FtpLite.Client;

/// <summary>Relative tree paths ('/'-separated, no leading '/') as both walks build them.</summary>
internal static class TreePath
{
    public static string Join(string parent, string name) => parent.Length == 0 ? name : parent + "/" + name;

    /// <summary>The walk's bound: a positive number of folder levels.</summary>
    public static void CheckDepth(int maxDepth)
    {
        if (maxDepth < 0) throw new ArgumentOutOfRangeException(nameof(maxDepth), maxDepth, "The depth bound cannot be negative.");
    }

    /// <summary>Reports a part not walked: thrown without a handler, else handed over and the walk goes on.</summary>
    public static void Report(FtpTreeException error, Action<FtpTreeException>? onError)
    {
        if (onError is null) throw error;
        onError(error);
    }
}
