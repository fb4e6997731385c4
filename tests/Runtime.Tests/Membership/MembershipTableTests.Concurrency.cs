using Actors.Runtime.Membership;
using Actors.Runtime.Tests.Storage;

namespace Actors.Runtime.Tests.Membership;

public abstract partial class MembershipTableTests
{
    // Enough rounds for racing updaters to interleave; SQLite serializes writers with busy waits, so it needs (and affords) fewer.
    protected virtual int Rounds => 25;

    [Fact]
    public async Task Of_two_updaters_deciding_from_one_snapshot_exactly_one_wins_every_round()
    {
        IMembershipTable[] tables = [await OpenAsync(), await OpenAsync()];
        await InsertedAsync(Entry(Silo("10.0.0.1")), 0);
        await InsertedAsync(Entry(Silo("10.0.0.2")), 1);
        for (var round = 0; round < Rounds; round++)
        {
            var snapshot = await ReadAsync();
            // Even rounds both change one row; odd rounds each changes its own, and only the table version can refuse one.
            var changes = new MembershipEntry[2];
            for (var i = 0; i < 2; i++)
            {
                var target = Row(snapshot, Silo(round % 2 == 0 || i == 0 ? "10.0.0.1" : "10.0.0.2")).Entry;
                changes[i] = target with { Zone = $"round-{round}-updater-{i}" };
            }

            var won = await Race.TwoAsync(i => tables[i].TryUpdateAsync(
                Cluster, changes[i], Row(snapshot, changes[i].Silo).Version, snapshot.TableVersion, CancellationToken.None));

            var winner = Assert.Single(Enumerable.Range(0, 2), i => won[i]);
            var after = await ReadAsync();
            Assert.Equal(snapshot.TableVersion + 1, after.TableVersion);
            Assert.Equal(changes[winner].Zone, Row(after, changes[winner].Silo).Entry.Zone);
            Assert.Equal(Row(snapshot, changes[winner].Silo).Version + 1, Row(after, changes[winner].Silo).Version);
        }
    }

    [Fact]
    public async Task Of_two_inserters_expecting_the_same_version_exactly_one_wins_every_round()
    {
        IMembershipTable[] tables = [await OpenAsync(), await OpenAsync()];
        for (var round = 0; round < Rounds; round++)
        {
            var snapshot = await ReadAsync();
            var entries = new[] { Entry(Silo("10.0.0.1", epoch: round)), Entry(Silo("10.0.0.2", epoch: round)) };

            var won = await Race.TwoAsync(i => tables[i].TryInsertAsync(Cluster, entries[i], snapshot.TableVersion, CancellationToken.None));

            var winner = Assert.Single(Enumerable.Range(0, 2), i => won[i]);
            var after = await ReadAsync();
            Assert.Equal(snapshot.TableVersion + 1, after.TableVersion);
            Assert.Equal(snapshot.Entries.Count + 1, after.Entries.Count);
            Row(after, entries[winner].Silo);
        }
    }
}
