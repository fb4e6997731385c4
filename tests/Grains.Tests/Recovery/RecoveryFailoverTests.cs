using System.Globalization;
using Actors.Domain.Ethereum;
using Actors.Grains.Interfaces.Recovery;
using Actors.Grains.Interfaces.Wallets;
using Actors.Grains.Recovery;
using Actors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Actors.Grains.Tests.Recovery;

/// <summary>
/// The silo holding a recovery request is lost during the timelock: another silo finalizes it, once. Time is fake, so the
/// timelock ends when the test says; the reminders are in a table the silos share, as a database would hold them.
/// </summary>
[Collection(FailoverCollection.Name)]
public sealed class RecoveryFailoverTests
{
    private static readonly PrivateKey[] Guardians = [Key(0x61), Key(0x62), Key(0x63)];
    private static readonly EthereumAddress Wallet = Addresses.Of(0x1), NewOwner = Addresses.Of(0x4e);
    private static readonly Hash32 Device = Hash32.Parse("0x" + new string('d', 64));

    [Fact]
    public async Task Finalization_survives_the_loss_of_the_silo_holding_the_request_and_happens_once()
    {
        await using var cluster = await GrainCluster.StartAsync(new GrainClusterSettings
        {
            Silos = 3,
            DurableReminders = true,
            Services = s => s.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10)),
        });
        var grains = GrainCluster.GrainsOf(cluster.Silos[0]);
        var wallet = grains.GetGrain<IWalletGrain>(WalletKeys.Of(Wallet));
        await wallet.SetGuardians("g-1", [.. Guardians.Select(g => g.Address)], 0);
        await wallet.RecordLogin(Device, null, "DE");
        cluster.Time.Advance(TimeSpan.FromDays(8)); // not a new account

        // From the device and country of the wallet's sign-ins: low risk, so no operator review.
        var request = grains.GetGrain<IRecoveryRequestGrain>("r1");
        var submitted = await request.Submit(new RecoverySubmission(Wallet, NewOwner, [], Device, "DE"));
        await request.Approve(Guardians[0].Address, PersonalSign.Sign(Guardians[0], submitted.SigningMessage).ToString());
        var locked = await request.Approve(Guardians[1].Address, PersonalSign.Sign(Guardians[1], submitted.SigningMessage).ToString());
        var holder = cluster.SiloOf(request);

        await Wait.ForAsync(cluster.Host.KillSiloAsync(holder), "the silo holding the request to go away", TimeSpan.FromSeconds(20));
        await Wait.UntilAsync(() => cluster.IsDeadToEverySilo(holder), "the other silos to see it dead", TimeSpan.FromSeconds(20));
        var survivor = GrainCluster.GrainsOf(cluster.Silos[0]);
        cluster.Time.Advance(new RecoveryOptions().Delay);
        var finalized = await UntilAsync(
            cluster, () => survivor.GetGrain<IRecoveryRequestGrain>("r1").Get(), v => v.Status == RecoveryStatus.Finalized,
            "another silo to finalize the recovery");
        var terms = await UntilAsync(
            cluster, () => survivor.GetGrain<IWalletGrain>(WalletKeys.Of(Wallet)).GetRecoveryTerms(), _ => true, "the wallet");

        Assert.Equal(RecoveryStatus.Timelocked, locked.Status);
        Assert.Equal(NewOwner, terms.Owner);
        Assert.Equal(1UL, terms.RecoveryNonce); // bumped exactly once
        Assert.Null(terms.ActiveRecovery);
        Assert.Single(finalized.Steps, s => s.Step == "owner_rotated");
        Assert.Single(finalized.Steps, s => s.Step == "finalized");
        Assert.True(finalized.Steps.Single(s => s.Step == "finalized").At >= locked.ExecuteAfter, "finalized before the timelock ended");
    }

    // Calls until the answer satisfies the condition, moving fake time on in small steps (the reminder's ticks fall due as it
    // moves) and riding out calls that fail while the cluster settles after the loss.
    private static async Task<T> UntilAsync<T>(GrainCluster cluster, Func<Task<T>> call, Func<T, bool> done, string what)
    {
        T? last = default;
        await cluster.AdvanceUntilAsync(async () =>
        {
            try
            {
                last = await call();
                return done(last);
            }
            catch (Exception error) when (error is OrleansException or TimeoutException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(5), what);
        return last!;
    }

    private static PrivateKey Key(int n) => PrivateKey.Parse("0x" + n.ToString("x64", CultureInfo.InvariantCulture));
}
