using Actors.Runtime.Membership;

namespace Actors.Runtime.Tests.Membership;

public abstract partial class MembershipTableTests
{
    [Fact]
    public async Task Read_of_an_empty_cluster_is_version_0_with_no_rows_and_the_database_clock()
    {
        var snapshot = await ReadAsync();

        Assert.Equal(0, snapshot.TableVersion);
        Assert.Empty(snapshot.Entries);
        // The database runs on this machine: its clock in Unix milliseconds is close to ours.
        var wallClock = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.InRange(snapshot.Now, wallClock - 60_000, wallClock + 60_000);
    }

    [Fact]
    public async Task Insert_then_read_returns_the_row_at_version_1_with_both_times_from_the_database_clock()
    {
        var before = await ReadAsync();
        var entry = Entry(Silo(), SiloStatus.Joining, "zone-7", [new Suspicion(Silo("10.0.0.9"), 123)]);

        Assert.True(await InsertAsync(entry, before.TableVersion));

        var after = await ReadAsync();
        Assert.Equal(1, after.TableVersion);
        var row = Row(after, entry.Silo);
        Assert.Equal(1, row.Version);
        Assert.Equal(row.Entry.StartedAt, row.Entry.HeartbeatAt);
        Assert.InRange(row.Entry.StartedAt, before.Now, after.Now);
        Assert.True(after.Now - row.Entry.StartedAt < 60_000, "The insert's time is far behind the database clock.");
        AssertSameEntry(entry with { StartedAt = row.Entry.StartedAt, HeartbeatAt = row.Entry.StartedAt }, row.Entry);
    }

    [Fact]
    public async Task Insert_with_a_stale_table_version_fails_and_changes_nothing()
    {
        await InsertedAsync(Entry(Silo("10.0.0.1")), 0);
        var before = await ReadAsync();

        Assert.False(await InsertAsync(Entry(Silo("10.0.0.2")), 0));
        Assert.False(await InsertAsync(Entry(Silo("10.0.0.2")), 2));

        AssertSameTable(before, await ReadAsync());
    }

    [Fact]
    public async Task Insert_expecting_a_version_the_cluster_never_had_fails_and_leaves_it_at_0()
    {
        Assert.False(await InsertAsync(Entry(Silo()), 1));

        var snapshot = await ReadAsync();
        Assert.Equal(0, snapshot.TableVersion);
        Assert.Empty(snapshot.Entries);
        await InsertedAsync(Entry(Silo()), 0);
    }

    [Fact]
    public async Task Insert_of_a_silo_and_epoch_already_present_fails_and_changes_nothing()
    {
        await InsertedAsync(Entry(Silo(), zone: "first"), 0);
        var before = await ReadAsync();

        Assert.False(await InsertAsync(Entry(Silo(), zone: "second"), before.TableVersion));

        AssertSameTable(before, await ReadAsync());
        Assert.Equal("first", Row(before, Silo()).Entry.Zone);
    }

    [Fact]
    public async Task The_same_endpoint_with_a_new_epoch_is_a_separate_row()
    {
        await InsertedAsync(Entry(Silo(epoch: 100), SiloStatus.Dead), 0);
        await InsertedAsync(Entry(Silo(epoch: 200), SiloStatus.Joining), 1);

        var snapshot = await ReadAsync();
        Assert.Equal(2, snapshot.TableVersion);
        Assert.Equal(2, snapshot.Entries.Count);
        Assert.Equal(SiloStatus.Dead, Row(snapshot, Silo(epoch: 100)).Entry.Status);
        Assert.Equal(SiloStatus.Joining, Row(snapshot, Silo(epoch: 200)).Entry.Status);
    }

    [Fact]
    public async Task Every_status_round_trips()
    {
        var statuses = Enum.GetValues<SiloStatus>();
        for (var i = 0; i < statuses.Length; i++)
        {
            await InsertedAsync(Entry(Silo(port: 11000 + i), statuses[i]), i);
        }

        var snapshot = await ReadAsync();
        for (var i = 0; i < statuses.Length; i++)
        {
            Assert.Equal(statuses[i], Row(snapshot, Silo(port: 11000 + i)).Entry.Status);
        }
    }

    [Fact]
    public async Task Suspicions_round_trip_exactly_through_insert_and_updates()
    {
        Suspicion[] suspicions =
        [
            new(Silo("10.0.0.2", 11112, 1_700_000_000_123), 1_700_000_000_999),
            new(Silo("host \"with\" quotes, commas; ünïcode", 1, long.MaxValue), 0),
            new(Silo("10.0.0.2", 11112, 1_700_000_000_124), -5),
        ];
        await InsertedAsync(Entry(Silo(), suspicions: suspicions), 0);
        Assert.Equal(suspicions, Row(await ReadAsync(), Silo()).Entry.Suspicions);

        Suspicion[] replaced = [new(Silo("[::1]", 65535, 42), 43)];
        Assert.True(await UpdateAsync(Entry(Silo(), suspicions: replaced), 1, 1));
        Assert.Equal(replaced, Row(await ReadAsync(), Silo()).Entry.Suspicions);

        Assert.True(await UpdateAsync(Entry(Silo(), suspicions: []), 2, 2));
        Assert.Empty(Row(await ReadAsync(), Silo()).Entry.Suspicions);
    }

    [Fact]
    public async Task Clusters_in_one_database_are_isolated()
    {
        await InsertedAsync(Entry(Silo("10.0.0.1")), 0, "cluster-a");
        await InsertedAsync(Entry(Silo("10.0.0.2")), 0, "cluster-b");
        Assert.False(await InsertAsync(Entry(Silo("10.0.0.3")), 0, "cluster-b"));
        Assert.True(await UpdateAsync(Entry(Silo("10.0.0.1"), SiloStatus.Active), 1, 1, "cluster-a"));

        var a = await ReadAsync("cluster-a");
        var b = await ReadAsync("cluster-b");
        Assert.Equal(2, a.TableVersion);
        Assert.Equal(1, b.TableVersion);
        Assert.Equal([Silo("10.0.0.1")], a.Entries.Select(e => e.Entry.Silo));
        Assert.Equal([Silo("10.0.0.2")], b.Entries.Select(e => e.Entry.Silo));
        Assert.Null(await HeartbeatAsync(Silo("10.0.0.1"), "cluster-b"));
        Assert.Equal(0, (await ReadAsync("cluster-c")).TableVersion);
    }
}
