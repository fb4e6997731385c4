namespace Actors.Providers.Tests.Storage;

public sealed class SqliteGrainStorageTests(TempFolderFixture folder) : SqlGrainStorageTests, IClassFixture<TempFolderFixture>
{
    private protected override StoreHarness CreateHarness() => new SqliteStoreHarness(folder.Path);
}
