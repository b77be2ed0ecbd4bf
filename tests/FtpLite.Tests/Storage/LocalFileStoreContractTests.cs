using FtpLite.Storage;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Storage;

/// <summary>The store contract, kept by the local folder.</summary>
public sealed class LocalFileStoreContractTests : FileStoreContractTests
{
    private readonly TempFolder _folder = new();

    protected override Task<IFileStore> CreateStoreAsync() => Task.FromResult<IFileStore>(new LocalFileStore(_folder.Path));

    protected override Task DestroyStoreAsync(IFileStore store)
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
