using Actors.Runtime.Membership;

namespace Actors.Runtime.Tests.Membership;

public abstract partial class MembershipTableTests
{
    [Fact]
    public async Task Update_with_the_current_versions_replaces_the_row_but_not_its_times_and_adds_one_to_both_versions()
    {
        await InsertedAsync(Entry(Silo()), 0);
        var before = Row(await ReadAsync(), Silo()).Entry;
        var changed = new MembershipEntry(
            Silo(), "zone-2", SiloStatus.ShuttingDown, GatewayPort: 30001, HttpPort: 0, StartedAt: 1, HeartbeatAt: 2,
            [new Suspicion(Silo("10.0.0.5"), 99)]);

        Assert.True(await UpdateAsync(changed, rowVersion: 1, tableVersion: 1));

        var after = await ReadAsync();
        Assert.Equal(2, after.TableVersion);
        var row = Row(after, Silo());
        Assert.Equal(2, row.Version);
        AssertSameEntry(changed with { StartedAt = before.StartedAt, HeartbeatAt = before.HeartbeatAt }, row.Entry);
    }

    [Fact]
    public async Task Update_with_a_stale_row_version_fails_and_changes_nothing()
    {
        await InsertedAsync(Entry(Silo("10.0.0.1")), 0);
        await InsertedAsync(Entry(Silo("10.0.0.2")), 1);
        Assert.True(await UpdateAsync(Entry(Silo("10.0.0.1"), SiloStatus.Active), 1, 2));
        var before = await ReadAsync();

        Assert.False(await UpdateAsync(Entry(Silo("10.0.0.1"), SiloStatus.Dead), rowVersion: 1, tableVersion: before.TableVersion));

        AssertSameTable(before, await ReadAsync());
    }

    [Fact]
    public async Task Update_with_a_stale_table_version_fails_and_changes_nothing()
    {
        await InsertedAsync(Entry(Silo("10.0.0.1")), 0);
        await InsertedAsync(Entry(Silo("10.0.0.2")), 1);
        var before = await ReadAsync();

        Assert.False(await UpdateAsync(Entry(Silo("10.0.0.1"), SiloStatus.Dead), rowVersion: 1, tableVersion: 1));
        Assert.False(await UpdateAsync(Entry(Silo("10.0.0.1"), SiloStatus.Dead), rowVersion: 1, tableVersion: 3));

        AssertSameTable(before, await ReadAsync());
    }

    [Fact]
    public async Task Update_of_a_row_that_does_not_exist_fails_and_leaves_the_table_version()
    {
        await InsertedAsync(Entry(Silo("10.0.0.1")), 0);
        var before = await ReadAsync();

        Assert.False(await UpdateAsync(Entry(Silo("10.0.0.1", epoch: 2)), rowVersion: 1, tableVersion: 1));
        Assert.False(await UpdateAsync(Entry(Silo("10.0.0.9")), rowVersion: 1, tableVersion: 1));

        AssertSameTable(before, await ReadAsync());
    }

    [Fact]
    public async Task Update_of_a_cluster_without_rows_fails_and_leaves_it_at_version_0()
    {
        Assert.False(await UpdateAsync(Entry(Silo()), rowVersion: 0, tableVersion: 0));

        Assert.Equal(0, (await ReadAsync()).TableVersion);
    }
}
