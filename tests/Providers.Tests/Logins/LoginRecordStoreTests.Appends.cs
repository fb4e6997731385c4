using Actors.Domain.Ethereum;
using Actors.Domain.Logins;
using Actors.Providers.Logins;

namespace Actors.Providers.Tests.Logins;

public abstract partial class LoginRecordStoreTests
{
    [Fact]
    public async Task An_empty_log_counts_zero_and_has_no_chain()
    {
        Assert.Equal(0, await Store.CountAsync());
        Assert.Null(await Store.LastOfChainAsync(Wallet(1)));
        Assert.Empty(await Store.ReadChainAsync(Wallet(1), 1, 10));
        Assert.Empty(await Store.ReadHashesAsync(0, 10));
    }

    [Fact]
    public async Task Concurrent_appends_of_20_chains_take_positions_0_to_N_minus_1_without_a_gap_or_a_duplicate()
    {
        const int Chains = 20;
        const int PerChain = 10;
        var chains = Enumerable.Range(1, Chains).Select(c => ChainOf(Wallet(c), PerChain, T0 + c)).ToArray();

        // Chains concurrently, each one call at a time in its own order, as the chains' grains append.
        var positions = await Task.WhenAll(chains.Select(chain => Task.Run(() => AppendAllAsync(chain))));

        const int N = Chains * PerChain;
        Assert.Equal(Enumerable.Range(0, N).Select(p => (long)p), positions.SelectMany(p => p).Order());
        Assert.Equal(N, await Store.CountAsync());
        var byPosition = new LoginRecord[N];
        for (var c = 0; c < Chains; c++)
        {
            Assert.Equal(positions[c].Order(), positions[c]); // a chain's later record is later in the log
            var stored = await Store.ReadChainAsync(chains[c][0].Chain, 1, 1_000);
            Assert.Equal(chains[c], stored.Select(s => s.Record));
            Assert.Equal(positions[c], stored.Select(s => s.Position));
            var last = await Store.LastOfChainAsync(chains[c][0].Chain);
            Assert.Equal(new StoredLoginRecord(chains[c][^1], positions[c][^1]), last);
            for (var i = 0; i < PerChain; i++)
            {
                byPosition[positions[c][i]] = chains[c][i];
            }
        }

        Assert.Equal(byPosition.Select(r => r.Hash), await Store.ReadHashesAsync(0, N));
        Assert.Equal(byPosition.Skip(37).Take(50).Select(r => r.Hash), await Store.ReadHashesAsync(37, 50));
        Assert.Equal(byPosition.Skip(N - 3).Select(r => r.Hash), await Store.ReadHashesAsync(N - 3, 10));
        Assert.Empty(await Store.ReadHashesAsync(N, 10));
    }

    [Fact]
    public async Task A_call_of_several_records_takes_consecutive_positions_and_keeps_every_field()
    {
        var chain = ChainOf(Wallet(1), 5);
        var other = ChainOf(Wallet(2), 2);
        await AppendOneAsync(other[0]);

        var positions = await Store.AppendAsync(chain);
        await AppendOneAsync(other[1]);

        Assert.Equal([1L, 2, 3, 4, 5], positions);
        Assert.Equal(chain, await ReadChainAsync(Wallet(1)));
        Assert.Equal(chain.Skip(2).Take(2), (await Store.ReadChainAsync(Wallet(1), 3, 2)).Select(s => s.Record));
        Hash32[] hashes = [other[0].Hash, .. chain.Select(r => r.Hash), other[1].Hash];
        Assert.Equal(hashes, await Store.ReadHashesAsync(0, 100));
    }

    [Fact]
    public async Task Appending_a_stored_record_again_answers_its_position_and_adds_nothing()
    {
        var chain = ChainOf(Wallet(1), 3);
        await AppendAllAsync(ChainOf(Wallet(2), 2));
        var positions = await Store.AppendAsync(chain);

        Assert.Equal(positions, await Store.AppendAsync(chain));
        Assert.Equal(positions[1], await AppendOneAsync(chain[1]));

        Assert.Equal(5, await Store.CountAsync());
        Assert.Equal(chain, await ReadChainAsync(Wallet(1)));
    }

    [Fact]
    public async Task Appending_another_record_in_a_taken_place_fails_with_InvalidOperationException_and_adds_nothing()
    {
        var chain = ChainOf(Wallet(1), 3);
        await Store.AppendAsync(chain);
        var hashes = await Store.ReadHashesAsync(0, 10);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.AppendAsync([Fork(chain[1])]));

        Assert.Equal(3, await Store.CountAsync());
        Assert.Equal(hashes, await Store.ReadHashesAsync(0, 10));
        Assert.Equal(chain, await ReadChainAsync(Wallet(1)));
    }

    [Fact]
    public async Task A_call_whose_first_record_forks_adds_none_of_the_records_after_it()
    {
        // A stale activation's records 2' and 3' after the log's 1 and 2: 3' names 2' as its previous record, so storing it
        // would put a record into the chain that does not follow the stored record 2.
        var chain = ChainOf(Wallet(1), 2);
        await Store.AppendAsync(chain);
        var forked = Fork(chain[1]);
        var next = LoginRecordHashing.Create(
            forked.Chain, 3, forked.Time + 1, LoginKinds.SignIn, 1, forked.Hash, new LoginPayload("signed_in"), new byte[32]);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.AppendAsync([forked, next]));

        Assert.Equal(2, await Store.CountAsync());
        Assert.Equal(chain, await ReadChainAsync(Wallet(1)));
        Assert.Equal(chain[^1], (await Store.LastOfChainAsync(Wallet(1)))?.Record);
    }

    [Fact]
    public async Task A_forked_append_fails_only_its_own_call_and_the_calls_around_it_commit()
    {
        var chain = ChainOf(Wallet(1), 2);
        var others = ChainOf(Wallet(2), 4);
        await Store.AppendAsync(chain);

        var before = Store.AppendAsync(others.Take(2).ToArray());
        var fork = Task.Run(() => Store.AppendAsync([Fork(chain[0])]));
        var after = Store.AppendAsync(others.Skip(2).ToArray());

        await Assert.ThrowsAsync<InvalidOperationException>(() => fork);
        long[] positions = [.. await before, .. await after];
        Assert.Equal([2L, 3, 4, 5], positions);
        Assert.Equal(others, await ReadChainAsync(Wallet(2)));
        Assert.Equal(chain, await ReadChainAsync(Wallet(1)));
    }
}
