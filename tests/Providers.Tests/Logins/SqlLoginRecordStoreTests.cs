using System.Data.Common;
using Actors.Domain.Logins;
using Actors.Providers.Logins;
using Actors.Providers.Tests.Membership.Stores;
using Microsoft.Extensions.Logging.Abstractions;

namespace Actors.Providers.Tests.Logins;

/// <summary>
/// <see cref="SqlLoginRecordStore"/> on a database of its own per test, and what the database itself keeps: payload columns
/// emptied by tombstones, and triggers that refuse any other change of the log's rows from any connection.
/// </summary>
public abstract class SqlLoginRecordStoreTests : LoginRecordStoreTests
{
    private protected TestStore Database { get; private set; } = null!;

    private protected abstract Task<TestStore> CreateDatabaseAsync();

    private protected override async Task<ILoginRecordStore> OpenStoreAsync()
    {
        Database = await CreateDatabaseAsync();
        return new SqlLoginRecordStore(Database.Open(), NullLogger<SqlLoginRecordStore>.Instance);
    }

    public override async Task DisposeAsync() => await Database.DisposeAsync();

    private protected override async Task AssertStoredPayloadsAsync(IEnumerable<LoginRecord> erased, IEnumerable<LoginRecord> kept)
    {
        foreach (var record in erased)
        {
            Assert.Equal(1, await Database.ScalarAsync(RowWherePayload(record, "IS NULL")));
        }

        foreach (var record in kept)
        {
            Assert.Equal(1, await Database.ScalarAsync(RowWherePayload(record, "IS NOT NULL")));
        }
    }

    // Chains and sequences are the tests' own hex and numbers, never outside input.
    private static string RowWherePayload(LoginRecord record, string condition) =>
        $"SELECT COUNT(*) FROM login_records WHERE chain = '{record.Chain}' AND sequence = {record.Sequence} AND payload {condition}";

    public static TheoryData<string> RecordChanges =>
    [
        "UPDATE login_records SET header = '{}' WHERE position IN (0, 1)",
        "UPDATE login_records SET hash = (SELECT hash FROM login_records WHERE position = 2) WHERE position IN (0, 1)",
        "UPDATE login_records SET time = time + 1 WHERE position IN (0, 1)",
        "UPDATE login_records SET chain = 'elsewhere' WHERE position IN (0, 1)",
        "UPDATE login_records SET sequence = sequence + 10 WHERE position IN (0, 1)",
        "UPDATE login_records SET position = position + 10 WHERE position IN (0, 1)",
        "UPDATE login_records SET payload = NULL, time = time - 1 WHERE position = 1",
        "UPDATE login_records SET payload = '{\"outcome\":\"forged\"}' WHERE position = 0",
        "UPDATE login_records SET payload = '{\"outcome\":\"forged\"}' WHERE position = 1",
        "DELETE FROM login_records WHERE position = 0",
        "DELETE FROM login_records WHERE position = 1",
        "DELETE FROM login_records",
    ];

    [Theory]
    [MemberData(nameof(RecordChanges))]
    public async Task The_database_refuses_a_change_of_a_record_row_other_than_a_tombstone(string change)
    {
        // Position 0 a tombstone already, positions 1 and 2 with their payloads.
        var chain = ChainOf(Wallet(1), 3);
        await Store.AppendAsync(chain);
        await Store.TombstoneAsync(Wallet(1), 1);

        await Assert.ThrowsAnyAsync<DbException>(() => Database.ExecuteAsync(change));

        Assert.Equal([chain[0].Erased(), chain[1], chain[2]], await ReadChainAsync(Wallet(1)));
        Assert.Equal(chain.Select(r => r.Hash), await Store.ReadHashesAsync(0, 10));
        Assert.Equal(3, await Database.ScalarAsync("SELECT COUNT(*) FROM login_records"));
    }

    [Fact]
    public async Task The_database_takes_a_tombstone_from_any_connection()
    {
        var chain = ChainOf(Wallet(1), 2);
        await Store.AppendAsync(chain);

        await Database.ExecuteAsync("UPDATE login_records SET payload = NULL WHERE position = 1");

        Assert.Equal([chain[0], chain[1].Erased()], await ReadChainAsync(Wallet(1)));
    }

    public static TheoryData<string> TreeChanges =>
    [
        "UPDATE login_tree_nodes SET idx = idx + 1",
        "UPDATE login_tree_nodes SET hash = (SELECT hash FROM login_records WHERE position = 0)",
        "DELETE FROM login_tree_nodes",
        "UPDATE login_batches SET root = (SELECT hash FROM login_records WHERE position = 0)",
        "UPDATE login_batches SET size = size + 1, records = records + 1",
        "UPDATE login_batches SET created_at = created_at + 1",
        "DELETE FROM login_batches",
    ];

    [Theory]
    [MemberData(nameof(TreeChanges))]
    public async Task The_database_refuses_any_change_of_a_stored_subtree_or_batch(string change)
    {
        await Store.AppendAsync(ChainOf(Wallet(1), 4));
        var (batch, nodes) = await BuildNextBatchAsync();
        Assert.True(await Store.CommitBatchAsync(batch, nodes));
        var keys = nodes.Select(n => (n.Level, n.Index)).ToArray();
        var stored = await Store.ReadNodesAsync(keys);

        await Assert.ThrowsAnyAsync<DbException>(() => Database.ExecuteAsync(change));

        Assert.Equal(3, stored.Count);
        Assert.Equal(stored, await Store.ReadNodesAsync(keys));
        Assert.Equal(3, await Database.ScalarAsync("SELECT COUNT(*) FROM login_tree_nodes"));
        Assert.Equal([batch], await Store.ListBatchesAsync(null, 10));
    }
}
