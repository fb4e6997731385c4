using System.Globalization;
using Actors.Domain.Ethereum;
using Actors.Grains.Diagnostics;
using Actors.Grains.Interfaces.Recovery;
using Actors.Grains.Interfaces.Wallets;
using Actors.Grains.Recovery;
using Actors.Grains.Tests.Rewards;
using Actors.Runtime;
using Actors.Runtime.Invocation;
using Actors.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Tests.Recovery;

/// <summary>The silo holding a recovery request crashes during the timelock: another silo finalizes it, once.</summary>
[Collection(StakingFailoverTests.Collection)]
public sealed class RecoveryFailoverTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(6);
    private static readonly PrivateKey[] Guardians = [Key(0x61), Key(0x62), Key(0x63)];
    private static readonly EthereumAddress Wallet = Addresses.Of(0x1), NewOwner = Addresses.Of(0x4e);

    [Fact]
    public async Task Finalization_survives_the_loss_of_the_silo_holding_the_request_and_happens_once()
    {
        GrainRegistry.EnsureLoaded(typeof(CounterGrain).Assembly);
        await using var cluster = await TestCluster.StartAsync(
            ["a", "b", "c"], configureServices: s => s.Configure<RecoveryOptions>(o => (o.Delay, o.HighRiskDelay) = (Delay, Delay)));
        var silos = cluster.Live.ToArray();
        var wallet = silos[0].GrainFactory.GetGrain<IWalletGrain>(WalletKeys.Of(Wallet));
        await wallet.SetGuardians("g-1", [.. Guardians.Select(g => g.Address)], 0);

        // The request's silo is the one whose activation count its first call raised.
        var before = silos.Select(s => s.Silo.ActivationCount).ToArray();
        var request = silos[0].GrainFactory.GetGrain<IRecoveryRequestGrain>("r1");
        var submitted = await request.Submit(new RecoverySubmission(Wallet, NewOwner, [], null, null));
        var holder = Assert.Single(Enumerable.Range(0, silos.Length), i => silos[i].Silo.ActivationCount > before[i]);
        await request.Approve(Guardians[0].Address, PersonalSign.Sign(Guardians[0], submitted.SigningMessage).ToString());
        var locked = await request.Approve(Guardians[1].Address, PersonalSign.Sign(Guardians[1], submitted.SigningMessage).ToString());

        await cluster.KillAsync(holder);
        var survivor = silos[(holder + 1) % silos.Length];
        var finalized = await UntilAsync(
            () => survivor.GrainFactory.GetGrain<IRecoveryRequestGrain>("r1").Get(), v => v.Status == RecoveryStatus.Finalized,
            "another silo to finalize the recovery", Delay + TimeSpan.FromSeconds(30));
        var terms = await UntilAsync(
            () => survivor.GrainFactory.GetGrain<IWalletGrain>(WalletKeys.Of(Wallet)).GetRecoveryTerms(), _ => true, "the wallet", TimeSpan.FromSeconds(20));

        Assert.Equal(RecoveryStatus.Timelocked, locked.Status);
        Assert.Equal(NewOwner, terms.Owner);
        Assert.Equal(1UL, terms.RecoveryNonce); // bumped exactly once
        Assert.Null(terms.ActiveRecovery);
        Assert.Single(finalized.Steps, s => s.Step == "owner_rotated");
        Assert.Single(finalized.Steps, s => s.Step == "finalized");
        Assert.True(finalized.Steps.Single(s => s.Step == "finalized").At >= locked.ExecuteAfter, "finalized before the timelock ended");
    }

    // Calls until the answer satisfies the condition, riding out the calls that fail while the cluster notices the crash.
    private static async Task<T> UntilAsync<T>(Func<Task<T>> call, Func<T, bool> done, string what, TimeSpan timeout)
    {
        T? last = default;
        await Wait.UntilAsync(async () =>
        {
            try
            {
                last = await call();
                return done(last);
            }
            catch (Exception error) when (error is SiloUnavailableException or TimeoutException or StorageException)
            {
                return false;
            }
        }, what, timeout);
        return last!;
    }

    private static PrivateKey Key(int n) => PrivateKey.Parse("0x" + n.ToString("x64", CultureInfo.InvariantCulture));
}
