using Actors.Domain.Logins;

namespace Actors.Providers.Tests.Logins;

public abstract partial class LoginRecordStoreTests
{
    [Fact]
    public async Task TombstoneAsync_drops_the_payloads_of_a_chain_through_a_sequence_only_and_keeps_every_hash()
    {
        var erasing = ChainOf(Wallet(1), 5);
        var other = ChainOf(Wallet(2), 4);
        await Store.AppendAsync([.. erasing.Take(2), .. other.Take(2)]);
        await Store.AppendAsync([.. erasing.Skip(2), .. other.Skip(2)]);
        var hashes = await Store.ReadHashesAsync(0, 100);

        Assert.Equal(3, await Store.TombstoneAsync(Wallet(1), 3));

        var expected = erasing.Select(r => r.Sequence <= 3 ? r.Erased() : r).ToArray();
        Assert.Equal(expected, await ReadChainAsync(Wallet(1)));
        Assert.All((await ReadChainAsync(Wallet(1))).Take(3), r => Assert.True(r.Tombstone));
        Assert.Equal(other, await ReadChainAsync(Wallet(2)));
        Assert.Equal(expected[^1], (await Store.LastOfChainAsync(Wallet(1)))?.Record);
        Assert.Equal(hashes, await Store.ReadHashesAsync(0, 100));
        Assert.Equal(9, await Store.CountAsync());
        await AssertStoredPayloadsAsync(erasing.Take(3), [.. erasing.Skip(3), .. other]);
    }

    [Fact]
    public async Task TombstoneAsync_counts_only_the_payloads_it_dropped()
    {
        var chain = ChainOf(Wallet(1), 4);
        await Store.AppendAsync(chain);

        Assert.Equal(2, await Store.TombstoneAsync(Wallet(1), 2));
        Assert.Equal(0, await Store.TombstoneAsync(Wallet(1), 2));
        Assert.Equal(1, await Store.TombstoneAsync(Wallet(1), 3));
        Assert.Equal(0, await Store.TombstoneAsync(Wallet(2), 10));
        Assert.Equal(1, await Store.TombstoneAsync(Wallet(1), 100));

        Assert.Equal(chain.Select(r => r.Erased()), await ReadChainAsync(Wallet(1)));
        await AssertStoredPayloadsAsync(chain, []);
    }

    [Fact]
    public async Task TombstoneOlderThanAsync_drops_the_payloads_of_every_chain_older_than_the_time_only()
    {
        // Chain 1 at T0+100, +200, ...; chain 2 at T0+150, +250, ...: before T0+250 are 1/1, 1/2 and 2/1.
        var first = ChainOf(Wallet(1), 4, T0 + 100, step: 100);
        var second = ChainOf(Wallet(2), 4, T0 + 150, step: 100);
        var third = ChainOf(Wallet(3), 2, T0 + 10_000);
        await Store.AppendAsync([.. second, .. first, .. third]);
        var hashes = await Store.ReadHashesAsync(0, 100);

        Assert.Equal(3, await Store.TombstoneOlderThanAsync(T0 + 250));

        LoginRecord[] erased = [first[0], first[1], second[0]];
        Assert.Equal(first.Select(r => erased.Contains(r) ? r.Erased() : r), await ReadChainAsync(Wallet(1)));
        Assert.Equal(second.Select(r => erased.Contains(r) ? r.Erased() : r), await ReadChainAsync(Wallet(2)));
        Assert.Equal(third, await ReadChainAsync(Wallet(3)));
        Assert.Equal(hashes, await Store.ReadHashesAsync(0, 100));
        Assert.Equal(0, await Store.TombstoneOlderThanAsync(T0 + 250));
        await AssertStoredPayloadsAsync(erased, [.. first.Skip(2), .. second.Skip(1), .. third]);
    }

    [Fact]
    public async Task A_tombstoned_record_appended_again_answers_its_position_and_stays_a_tombstone()
    {
        var chain = ChainOf(Wallet(1), 2);
        var positions = await Store.AppendAsync(chain);
        await Store.TombstoneAsync(Wallet(1), 1);

        Assert.Equal(positions, await Store.AppendAsync(chain));

        Assert.Equal([chain[0].Erased(), chain[1]], await ReadChainAsync(Wallet(1)));
        Assert.Equal(2, await Store.CountAsync());
    }
}
