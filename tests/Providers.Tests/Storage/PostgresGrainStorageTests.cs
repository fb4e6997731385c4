namespace Actors.Providers.Tests.Storage;

public sealed class PostgresGrainStorageTests(PostgresDatabaseFixture databases)
    : SqlGrainStorageTests, IClassFixture<PostgresDatabaseFixture>
{
    private protected override StoreHarness CreateHarness() => new PostgresStoreHarness(databases);
}
