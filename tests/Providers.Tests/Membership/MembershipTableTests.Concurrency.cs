using Actors.Providers.Membership;

namespace Actors.Providers.Tests.Membership;

public abstract partial class MembershipTableTests
{
    private const int Writers = 4;

    // Enough rounds for racing writers to interleave; SQLite serializes writers on its file lock, so it needs fewer.
    private protected virtual int Rounds => 12;

    [Fact]
    public async Task Of_concurrent_inserters_expecting_one_version_exactly_one_wins_every_round()
    {
        var tables = Enumerable.Range(0, Writers).Select(_ => Open()).ToArray();
        for (var round = 0; round < Rounds; round++)
        {
            var snapshot = await Table.ReadAll();
            var entries = tables.Select(_ => Entry()).ToArray();

            var won = await Task.WhenAll(tables.Select((t, i) => Task.Run(() => t.InsertRow(entries[i], snapshot.Version.Next()))));

            var winner = Assert.Single(Enumerable.Range(0, Writers), i => won[i]);
            var after = await Table.ReadAll();
            Assert.Equal(snapshot.Version.Version + 1, after.Version.Version);
            Assert.Equal(snapshot.Members.Count + 1, after.Members.Count);
            Assert.NotNull(after.TryGet(entries[winner].SiloAddress));
        }
    }

    [Fact]
    public async Task Of_concurrent_updaters_deciding_from_one_snapshot_exactly_one_wins_every_round()
    {
        var tables = Enumerable.Range(0, Writers).Select(_ => Open()).ToArray();
        var silos = Enumerable.Range(0, Writers).Select(_ => Entry()).ToArray();
        foreach (var silo in silos)
        {
            await InsertedAsync(silo);
        }

        for (var round = 0; round < Rounds; round++)
        {
            var snapshot = await Table.ReadAll();
            // Even rounds all change one row; odd rounds each its own, where only the table version can refuse one.
            var changes = Enumerable.Range(0, Writers).Select(i =>
            {
                var (entry, _) = snapshot.TryGet(silos[round % 2 == 0 ? 0 : i].SiloAddress)!;
                entry.SiloName = $"round-{round}-writer-{i}";
                return entry;
            }).ToArray();

            var won = await Task.WhenAll(tables.Select((t, i) => Task.Run(() =>
                t.UpdateRow(changes[i], snapshot.TryGet(changes[i].SiloAddress)!.Item2, snapshot.Version.Next()))));

            var winner = Assert.Single(Enumerable.Range(0, Writers), i => won[i]);
            var after = await Table.ReadAll();
            Assert.Equal(snapshot.Version.Version + 1, after.Version.Version);
            Assert.Equal(changes[winner].SiloName, after.TryGet(changes[winner].SiloAddress)!.Item1.SiloName);
        }
    }

    [Fact]
    public async Task Every_read_during_concurrent_inserts_is_one_consistent_snapshot()
    {
        // Each insert adds one row and moves the version by one from zero, so a consistent snapshot has as many rows as its version.
        var writer = Open();
        var readers = Enumerable.Range(0, 2).Select(_ => Open()).ToArray();
        var writing = Task.Run(async () =>
        {
            for (var i = 0; i < Rounds * 2; i++)
            {
                await InsertedAsync(Entry(), writer);
            }
        });

        var reads = await Task.WhenAll(readers.Select(r => Task.Run(() => ReadUntilAsync(r, writing))));

        await writing;
        Assert.All(reads.SelectMany(r => r), data => Assert.Equal(data.Version.Version, data.Members.Count));
        Assert.Equal(Rounds * 2, (await Table.ReadAll()).Members.Count);
    }

    private static async Task<List<MembershipTableData>> ReadUntilAsync(SqlMembershipTable table, Task done)
    {
        var reads = new List<MembershipTableData>();
        do
        {
            reads.Add(await table.ReadAll());
        }
        while (!done.IsCompleted);

        return reads;
    }
}
