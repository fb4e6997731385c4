using Actors.Runtime.Membership;

namespace Actors.Runtime.Tests.Membership;

public abstract partial class MembershipTableTests
{
    [Fact]
    public async Task Heartbeat_sets_the_database_clock_and_changes_no_version()
    {
        await InsertedAsync(Entry(Silo(), SiloStatus.Active), 0);
        var inserted = Row(await ReadAsync(), Silo()).Entry;
        await SetHeartbeatAsync(Silo(), 1_000);

        var heartbeatAt = await HeartbeatAsync(Silo());

        var after = await ReadAsync();
        var row = Row(after, Silo());
        Assert.NotNull(heartbeatAt);
        Assert.Equal(heartbeatAt, row.Entry.HeartbeatAt);
        Assert.InRange(heartbeatAt.Value, inserted.StartedAt, after.Now);
        Assert.Equal(inserted.StartedAt, row.Entry.StartedAt);
        Assert.Equal(1, row.Version);
        Assert.Equal(1, after.TableVersion);
    }

    [Fact]
    public async Task Heartbeat_of_a_dead_row_returns_null_and_leaves_the_row()
    {
        await InsertedAsync(Entry(Silo(), SiloStatus.Active), 0);
        Assert.True(await UpdateAsync(Entry(Silo(), SiloStatus.Dead), 1, 1));
        await SetHeartbeatAsync(Silo(), 1_000);
        var before = await ReadAsync();

        Assert.Null(await HeartbeatAsync(Silo()));

        var after = await ReadAsync();
        AssertSameTable(before, after);
        Assert.Equal(1_000, Row(after, Silo()).Entry.HeartbeatAt);
    }

    [Fact]
    public async Task Heartbeat_of_a_missing_row_returns_null_and_creates_nothing()
    {
        await InsertedAsync(Entry(Silo(epoch: 1)), 0);

        Assert.Null(await HeartbeatAsync(Silo(epoch: 2)));
        Assert.Null(await HeartbeatAsync(Silo("10.0.0.9")));

        Assert.Single((await ReadAsync()).Entries);
    }

    [Fact]
    public async Task DeleteDead_deletes_only_dead_rows_of_the_cluster_with_a_heartbeat_before_the_bound()
    {
        await InsertedAsync(Entry(Silo(port: 1), SiloStatus.Dead), 0);
        await InsertedAsync(Entry(Silo(port: 2), SiloStatus.Dead), 1);
        await InsertedAsync(Entry(Silo(port: 3), SiloStatus.Dead), 2);
        await InsertedAsync(Entry(Silo(port: 4), SiloStatus.ShuttingDown), 3);
        await InsertedAsync(Entry(Silo(port: 1), SiloStatus.Dead), 0, "cluster-b");
        // The old heartbeat is set in both clusters: the one in cluster-b must survive.
        await SetHeartbeatAsync(Silo(port: 1), 1_000);
        await SetHeartbeatAsync(Silo(port: 2), 5_000);
        await SetHeartbeatAsync(Silo(port: 4), 1_000);

        var deleted = await Table.DeleteDeadAsync(Cluster, olderThan: 5_000, CancellationToken.None);

        Assert.Equal(1, deleted);
        var after = await ReadAsync();
        Assert.Equal([2, 3, 4], after.Entries.Select(e => e.Entry.Silo.Port));
        // Deleting dead rows is not a membership change: the version stays (see DeleteDeadAsync's remarks).
        Assert.Equal(4, after.TableVersion);
        Assert.Single((await ReadAsync("cluster-b")).Entries);
    }
}
