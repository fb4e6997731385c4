using Actors.Providers.Schema;
using Actors.Providers.Storage;
using Actors.Providers.Storage.Sqlite;

namespace Actors.Providers.Tests.Storage;

/// <summary>SQLite stores on files of a temporary folder: one file per database name.</summary>
internal sealed class SqliteStoreHarness(string folder) : SqlStoreHarness
{
    public SqliteStoreOptions Options(string database) => new() { DatabasePath = Path.Combine(folder, database + ".db") };

    public override Task ExecuteAsync(string database, string sql) => SqlConsole.ExecuteAsync(Options(database), sql);

    public override Task<long> ScalarAsync(string database, string sql) => SqlConsole.ScalarAsync(Options(database), sql);

    public override Task PutRowAsync(string database, StateKey key, byte[]? data, long version) =>
        SqlConsole.PutRowAsync(Options(database), key, data, version);

    // The key is a test's own constant, never input from outside; a trigger body cannot take parameters.
    public override Task FailInsertsOfKeyAsync(string database, string grainKey) => ExecuteAsync(database, $"""
        CREATE TRIGGER fail_insert BEFORE INSERT ON grain_state WHEN NEW.grain_key = '{grainKey}'
        BEGIN SELECT RAISE(ABORT, 'forced failure'); END
        """);

    public override Task StopFailingInsertsAsync(string database) => ExecuteAsync(database, "DROP TRIGGER fail_insert");

    protected override Task<IStateStore> CreateAsync(string database, IReadOnlyList<Migration> migrations) =>
        Task.FromResult<IStateStore>(new SqliteStateStore(Options(database), logger: null, migrations));
}
