using FtpLite.Storage;
using FtpLite.Storage.S3;

namespace FtpLite.Tests.Storage.S3;

/// <summary>The store contract, kept by the S3 store on a real object store (Swift's s3api on loopback).</summary>
[Collection(SwiftCollection.Name)]
public sealed class S3FileStoreContractTests : FileStoreContractTests
{
    private readonly SwiftFixture _swift;
    private readonly string _prefix = "contract-" + Guid.NewGuid().ToString("N") + "/";

    public S3FileStoreContractTests(SwiftFixture swift) => _swift = swift;

    protected override Task<IFileStore> CreateStoreAsync()
    {
        _swift.Require();
        return Task.FromResult<IFileStore>(new S3FileStore(_swift.CreateClient(), SwiftFixture.Bucket, _prefix));
    }

    protected override Task DestroyStoreAsync(IFileStore store) => _swift.DeletePrefixAsync(_prefix);
}
