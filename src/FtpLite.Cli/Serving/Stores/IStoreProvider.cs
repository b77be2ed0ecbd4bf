using FtpLite.Cli.CommandLine;
using FtpLite.Server;
using FtpLite.Storage;

namespace FtpLite.Cli.Serving.Stores;

/// <summary>
/// One kind of storage "ftplite serve --store KIND" can serve: its name, the options only it reads, and how it is made
/// from them. A new kind (S3, say) is one more provider in <see cref="StoreProviders.All"/>.
/// </summary>
internal interface IStoreProvider
{
    /// <summary>What follows --store ("local").</summary>
    string Name { get; }

    /// <summary>One line for the help.</summary>
    string Summary { get; }

    /// <summary>Options that belong to this kind; given with another --store, they are refused.</summary>
    IReadOnlyList<OptionSpec> Options { get; }

    /// <summary>
    /// Reads this kind's options: the store to serve, or null for the embedded local folder on
    /// <see cref="FtpServerOptions.Root"/> (which this may set). A bad option is a <see cref="UsageException"/>.
    /// </summary>
    IFileStore? Create(ParsedArguments args, Commands.CommandContext context, FtpServerOptions options);
}
