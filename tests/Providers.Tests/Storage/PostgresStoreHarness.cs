using Actors.Providers.Schema;
using Actors.Providers.Storage;
using Actors.Providers.Storage.Postgres;

namespace Actors.Providers.Tests.Storage;

/// <summary>PostgreSQL stores on databases of the run's private server: one database per name and test class.</summary>
internal sealed class PostgresStoreHarness(PostgresDatabaseFixture databases) : SqlStoreHarness
{
    public Task<string> ConnectionStringAsync(string database) => databases.ConnectionStringAsync(database);

    public override async Task ExecuteAsync(string database, string sql) =>
        await SqlConsole.ExecuteAsync(await ConnectionStringAsync(database), sql);

    public override async Task<long> ScalarAsync(string database, string sql) =>
        await SqlConsole.ScalarAsync(await ConnectionStringAsync(database), sql);

    public override async Task PutRowAsync(string database, StateKey key, byte[]? data, long version) =>
        await SqlConsole.PutRowAsync(await ConnectionStringAsync(database), key, data, version);

    // The key is a test's own constant, never input from outside; a trigger body cannot take parameters.
    public override Task FailInsertsOfKeyAsync(string database, string grainKey) => ExecuteAsync(database, $"""
        CREATE FUNCTION fail_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'forced failure'; END $$;
        CREATE TRIGGER fail_insert BEFORE INSERT ON grain_state FOR EACH ROW
            WHEN (NEW.grain_key = '{grainKey}') EXECUTE FUNCTION fail_insert();
        """);

    public override Task StopFailingInsertsAsync(string database) =>
        ExecuteAsync(database, "DROP TRIGGER fail_insert ON grain_state; DROP FUNCTION fail_insert()");

    protected override async Task<IStateStore> CreateAsync(string database, IReadOnlyList<Migration> migrations) =>
        new PostgresStateStore(await ConnectionStringAsync(database), logger: null, migrations);
}
