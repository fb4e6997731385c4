using Actors.Runtime.Storage;
using Actors.Runtime.Storage.Migrations;

namespace Actors.Runtime.Tests.Storage;

public sealed class SchemaMigrationsTests
{
    [Fact]
    public void Versions_run_from_1_without_gaps_and_every_migration_has_sql_for_both_dialects()
    {
        Assert.Equal(Enumerable.Range(1, SchemaMigrations.All.Count), SchemaMigrations.All.Select(m => m.Version));
        Assert.Equal(SchemaMigrations.All.Count, SchemaMigrations.All.Select(m => m.Name).Distinct().Count());
        Assert.All(SchemaMigrations.All, m =>
        {
            Assert.False(string.IsNullOrWhiteSpace(m.PostgresSql));
            Assert.False(string.IsNullOrWhiteSpace(m.SqliteSql));
        });
    }

    [Fact]
    public void Pending_lists_the_missing_migrations_in_order()
    {
        Migration[] known = [new(1, "a", "x", "x"), new(2, "b", "x", "x"), new(3, "c", "x", "x")];

        Assert.Equal([1, 2, 3], SchemaMigrations.Pending(known, [], "test").Select(m => m.Version));
        Assert.Equal([2, 3], SchemaMigrations.Pending(known, [1], "test").Select(m => m.Version));
        Assert.Empty(SchemaMigrations.Pending(known, [1, 2, 3], "test"));
    }

    [Fact]
    public void Pending_refuses_a_database_with_a_version_newer_than_known()
    {
        Migration[] known = [new(1, "a", "x", "x")];

        var error = Assert.Throws<StorageException>(() => SchemaMigrations.Pending(known, [1, 2], "test"));

        Assert.Contains("migration 2", error.Message, StringComparison.Ordinal);
    }
}
