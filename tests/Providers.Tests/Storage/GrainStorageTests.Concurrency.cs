using Orleans;
using Orleans.Storage;

namespace Actors.Providers.Tests.Storage;

public abstract partial class GrainStorageTests
{
    [Fact]
    public async Task Concurrent_writers_holding_one_etag_commit_exactly_once()
    {
        var grain = Grain("contested");
        var read = await ReadAsync(grain);
        await WriteAsync(grain, read);
        var writers = Enumerable.Range(1, 8).Select(i => Copy(read, balance: i)).ToArray();

        var outcomes = await Task.WhenAll(writers.Select(w => Task.Run(async () =>
        {
            try
            {
                await WriteAsync(grain, w);
                return "committed";
            }
            catch (InconsistentStateException)
            {
                return "conflict";
            }
        })));

        Assert.Equal(1, outcomes.Count(o => o == "committed"));
        Assert.Equal(7, outcomes.Count(o => o == "conflict"));
        var winner = writers.Single(w => w.ETag == "2");
        var stored = await ReadAsync(grain);
        Assert.Equal(("2", winner.State.Balance), (stored.ETag, stored.State.Balance));
    }

    [Fact]
    public async Task Concurrent_writes_of_many_grains_all_commit_and_read_back()
    {
        var grains = Enumerable.Range(0, 300).Select(i => Grain($"many-{i}")).ToArray();

        await Task.WhenAll(grains.Select((g, i) => Task.Run(async () =>
        {
            var state = new TestGrainState(new TestState { Balance = i });
            await WriteAsync(g, state);
            Assert.Equal("1", state.ETag);
        })));

        foreach (var i in new[] { 0, 1, 150, 299 })
        {
            var read = await ReadAsync(grains[i]);
            Assert.Equal(("1", (long)i), (read.ETag, read.State.Balance));
        }
    }

    [Fact]
    public async Task Two_storages_on_one_database_see_each_others_writes_and_conflicts()
    {
        var other = Harness.Storage(await Harness.OpenAsync(MainDatabase));
        var grain = Grain("two-silos");
        var mine = await ReadAsync(grain);
        var theirs = new TestGrainState();
        await other.ReadStateAsync("state", grain, theirs, CancellationToken.None);

        mine.State.Balance = 1;
        await WriteAsync(grain, mine);
        theirs.State.Balance = 2;
        await Assert.ThrowsAsync<InconsistentStateException>(() => other.WriteStateAsync("state", grain, theirs, CancellationToken.None));

        await other.ReadStateAsync("state", grain, theirs, CancellationToken.None);
        Assert.Equal(("1", 1L), (theirs.ETag, theirs.State.Balance));
    }
}
