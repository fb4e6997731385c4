using Actors.Runtime.Reminders;
using Actors.Runtime.Tests.Storage;

namespace Actors.Runtime.Tests.Reminders;

public abstract partial class ReminderTableTests
{
    [Fact]
    public async Task Of_two_writers_holding_one_version_exactly_one_wins_every_round()
    {
        IReminderTable[] tables = [await OpenAsync(), await OpenAsync()];
        var version = await InsertedAsync(Entry());
        for (var round = 0; round < Rounds; round++)
        {
            // Even rounds race two advances; odd rounds race an advance against a re-registration.
            var tick = round;
            var expected = version;
            var results = await Race.TwoAsync<long?>(i => i == 0 || round % 2 == 0
                ? tables[i].TryAdvanceAsync(Key(), tick, expected, CancellationToken.None)
                : tables[i].TryUpsertAsync(Entry(periodMs: 1_000 + round), expected, CancellationToken.None));

            var winner = Assert.Single(Enumerable.Range(0, 2), i => results[i] is not null);
            Assert.Equal(version + 1, results[winner]);
            var row = await ReadAsync(Key());
            Assert.Equal(version + 1, row!.Version);
            Assert.Equal(winner == 0 || round % 2 == 0 ? tick : -1, row.LastTick);
            version++;
        }
    }

    [Fact]
    public async Task Of_two_writers_creating_one_reminder_exactly_one_wins_every_round()
    {
        IReminderTable[] tables = [await OpenAsync(), await OpenAsync()];
        for (var round = 0; round < Rounds; round++)
        {
            var name = $"r{round}";
            var results = await Race.TwoAsync<long?>(i => tables[i].TryUpsertAsync(Entry(name: name, periodMs: 1_000 * (i + 1)), 0, CancellationToken.None));

            var winner = Assert.Single(Enumerable.Range(0, 2), i => results[i] is not null);
            Assert.Equal(Entry(name: name, periodMs: 1_000 * (winner + 1)) with { Version = results[winner]!.Value }, await ReadAsync(Key(name)));
        }
    }

    [Fact]
    public async Task Of_two_writers_deleting_and_advancing_one_version_exactly_one_wins_every_round()
    {
        IReminderTable[] tables = [await OpenAsync(), await OpenAsync()];
        for (var round = 0; round < Rounds; round++)
        {
            var version = await InsertedAsync(Entry());
            var deleted = false;
            var results = await Race.TwoAsync<long?>(async i =>
            {
                if (i == 0)
                {
                    deleted = await tables[0].TryDeleteAsync(Key(), version, CancellationToken.None);
                    return deleted ? 1 : null;
                }

                return await tables[1].TryAdvanceAsync(Key(), 0, version, CancellationToken.None);
            });

            Assert.Single(results, r => r is not null);
            var row = await ReadAsync(Key());
            if (deleted)
            {
                Assert.Null(row);
            }
            else
            {
                Assert.Equal(0, row!.LastTick);
                Assert.True(await Table.TryDeleteAsync(Key(), row.Version, CancellationToken.None));
            }
        }
    }
}
