using System.Globalization;
using Actors.Domain.Ethereum;
using Actors.Grains.Interfaces;
using Actors.Grains.Interfaces.Nfts;
using Actors.Grains.Interfaces.Recovery;
using Actors.Grains.Interfaces.Wallets;
using Actors.Grains.Recovery;
using Actors.Grains.Tests.Nfts;
using Actors.Providers.Storage;

namespace Actors.Grains.Tests.Recovery;

/// <summary>Guardian recovery driven by fake time: approvals, timelock, escrow, finalization, cancellation and review.</summary>
[Collection(SharedGrainCluster.Collection)]
public sealed class RecoveryTests(SharedGrainCluster cluster)
{
    private static readonly TimeSpan AccountAge = TimeSpan.FromDays(8); // older than the 7 days under which an account is new
    private static readonly PrivateKey[] Guardians = [Key(0x61), Key(0x62), Key(0x63)];
    private static readonly PrivateKey Stranger = Key(0x66);
    private static readonly Hash32 Device = Hash32.Parse("0x" + new string('d', 64));
    private static readonly Hash32 Metadata = Hash32.Parse("0x" + new string('a', 64));

    // The reminder's ticks: due at the end of the timelock, then every retry period; fake time moves in steps below it.
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(5);

    private readonly TestKeys _keys = TestKeys.Next();
    private readonly DateTimeOffset _start = cluster.Time.GetUtcNow();

    private PrivateKey OwnerKey => _keys.PrivateKey(0x77);

    private EthereumAddress NewOwner => _keys.Address(0x4e);

    private string R1 => _keys.Id("r1");

    private string C => _keys.Id("c");

    private IGrainFactory Grains => cluster.Grains;

    [Fact]
    public async Task Two_of_three_guardians_recover_the_wallet_after_the_timelock_and_every_grant_is_revoked()
    {
        var (wallet, address) = await GuardedWalletAsync();
        var buyer = _keys.Address(0x99);
        var operatorAddress = _keys.Address(0x0e);
        await NftDividendTests.CreateAsync(Grains, C);
        var one = await MintAsync("1", address);
        var two = await MintAsync("2", address);
        await one.Approve("ap-1", address, _keys.Address(0xa1));
        await wallet.SetOperator("op-1", C, operatorAddress, true);
        var request = Grains.GetGrain<IRecoveryRequestGrain>(R1);

        var submitted = await request.Submit(Submission(address));
        await request.Approve(Guardians[0].Address, Sign(Guardians[0], submitted.SigningMessage));
        var locked = await request.Approve(Guardians[1].Address, Sign(Guardians[1], submitted.SigningMessage));
        var escrow = await Assert.ThrowsAsync<RequestRejectedException>(() => two.Transfer("t-1", address, buyer));
        var byOperator = await Assert.ThrowsAsync<RequestRejectedException>(() => two.Transfer("t-2", operatorAddress, buyer));
        cluster.Time.Advance(new RecoveryOptions().Delay);
        await cluster.AdvanceUntilAsync(
            async () => (await request.Get()).Status == RecoveryStatus.Finalized, Step, "the reminder to finalize the recovery");
        var done = await request.Get();
        var after = await wallet.Get();
        var replay = await Assert.ThrowsAsync<RequestRejectedException>(
            () => request.Approve(Guardians[2].Address, Sign(Guardians[2], submitted.SigningMessage)));
        var operatorNow = await Assert.ThrowsAsync<RequestRejectedException>(() => two.Transfer("t-3", operatorAddress, buyer));
        var movedByNewOwner = await two.Transfer("t-4", NewOwner, buyer);

        Assert.Equal(RecoveryRisk.Low, submitted.Risk);
        Assert.Empty(submitted.RiskReasons);
        Assert.Equal(RecoveryStatus.Timelocked, locked.Status);
        Assert.Equal(_start + AccountAge + new RecoveryOptions().Delay, locked.ExecuteAfter);
        Assert.Equal(WalletErrors.Frozen, escrow.Code);
        Assert.Equal(WalletErrors.Frozen, byOperator.Code);
        Assert.Equal(NewOwner, after.Owner);
        Assert.False(after.Frozen);
        Assert.Empty(after.Collections.Single().Operators);
        Assert.Null((await one.Get()).Approved);
        Assert.Equal([(C, "1", address, Metadata), (C, "2", address, Metadata)],
            done.Snapshot.Select(s => (s.CollectionId, s.TokenId, s.Owner, s.MetadataHash!)));
        Assert.Equal(1UL, (await wallet.GetRecoveryTerms()).RecoveryNonce);
        Assert.Equal(
            ["submitted", "risk_scored", "escrow_started", "approved", "approved", "timelock_started", "owner_rotated", "grants_revoked",
                "escrow_released", "snapshot_recorded", "finalized"],
            done.Steps.Select(s => s.Step));
        Assert.Equal(RecoveryErrors.WrongState, replay.Code);
        Assert.Equal(WalletErrors.NotAuthorized, operatorNow.Code);
        Assert.Equal(buyer, movedByNewOwner.Owner);
    }

    [Fact]
    public async Task A_finalization_that_fails_half_way_is_retried_and_takes_effect_once()
    {
        var (wallet, address) = await GuardedWalletAsync();
        var (request, _) = await TimelockedAsync(address);

        // The wallet rotates its owner, then the request's own write of the outcome fails: the reminder ticks again.
        var failed = 0;
        cluster.Storage.BeforeWrite = (grainId, _) => grainId.Key.ToString() == R1 && Interlocked.Increment(ref failed) == 1
            ? throw new StorageUnavailableException("injected: the request cannot store its finalization")
            : Task.CompletedTask;
        try
        {
            cluster.Time.Advance(new RecoveryOptions().Delay);
            await cluster.AdvanceUntilAsync(
                async () => (await request.Get()).Status == RecoveryStatus.Finalized, Step, "the retried tick to finalize the recovery");
        }
        finally
        {
            cluster.Storage.BeforeWrite = null;
        }

        var done = await request.Get();

        Assert.True(failed >= 2, "the finalization's first write did not fail");
        Assert.Equal(NewOwner, (await wallet.Get()).Owner);
        Assert.Equal(1UL, (await wallet.GetRecoveryTerms()).RecoveryNonce);
        Assert.Single(done.Steps, s => s.Step == "owner_rotated");
        Assert.Single(done.Steps, s => s.Step == "finalized");
    }

    [Fact]
    public async Task Approvals_that_do_not_count_are_refused_and_change_nothing()
    {
        var (_, address) = await GuardedWalletAsync();
        var request = Grains.GetGrain<IRecoveryRequestGrain>(R1);
        var submitted = await request.Submit(Submission(address));
        var chainId = new RecoveryOptions().ChainId;
        var otherRequest = RecoveryMessages.Approval(_keys.Id("r2"), address, NewOwner, 0, chainId);
        var otherNonce = RecoveryMessages.Approval(R1, address, NewOwner, 5, chainId);
        var otherChain = RecoveryMessages.Approval(R1, address, NewOwner, 0, 2);
        var guardian = Guardians[0].Address;

        var stranger = await Assert.ThrowsAsync<RequestRejectedException>(
            () => request.Approve(Stranger.Address, Sign(Stranger, submitted.SigningMessage)));
        var wrongRequest = await Assert.ThrowsAsync<RequestRejectedException>(
            () => request.Approve(guardian, Sign(Guardians[0], otherRequest)));
        var wrongNonce = await Assert.ThrowsAsync<RequestRejectedException>(
            () => request.Approve(guardian, Sign(Guardians[0], otherNonce)));
        var wrongChain = await Assert.ThrowsAsync<RequestRejectedException>(
            () => request.Approve(guardian, Sign(Guardians[0], otherChain)));
        var impostor = await Assert.ThrowsAsync<RequestRejectedException>(
            () => request.Approve(guardian, Sign(Guardians[1], submitted.SigningMessage)));
        await Refused.FieldAsync("signature", () => request.Approve(guardian, "0x1234"));
        await request.Approve(guardian, Sign(Guardians[0], submitted.SigningMessage));
        var duplicate = await Assert.ThrowsAsync<RequestRejectedException>(
            () => request.Approve(guardian, Sign(Guardians[0], submitted.SigningMessage)));
        var view = await request.Get();

        Assert.All([stranger, wrongRequest, wrongNonce, wrongChain, impostor], e => Assert.Equal(RecoveryErrors.BadSignature, e.Code));
        Assert.Equal(RecoveryErrors.DuplicateApproval, duplicate.Code);
        Assert.Equal([guardian], view.Approvals);
        Assert.Equal(RecoveryStatus.AwaitingApprovals, view.Status);
    }

    [Fact]
    public async Task The_owner_cancels_during_the_timelock_and_everything_is_restored()
    {
        var (wallet, address) = await GuardedWalletAsync();
        var (request, submitted) = await TimelockedAsync(address);

        var notOwner = await Assert.ThrowsAsync<RequestRejectedException>(() => request.Cancel(Sign(Stranger, submitted.CancelMessage)));
        var cancelled = await request.Cancel(Sign(OwnerKey, submitted.CancelMessage, address));
        cluster.Time.Advance(TimeSpan.FromDays(3));
        var later = await request.Get();
        var terms = await wallet.GetRecoveryTerms();
        var next = await Grains.GetGrain<IRecoveryRequestGrain>(_keys.Id("r2")).Submit(Submission(address));

        Assert.Equal(RecoveryErrors.BadSignature, notOwner.Code);
        Assert.Equal(RecoveryStatus.Cancelled, cancelled.Status);
        Assert.Equal(RecoveryStatus.Cancelled, later.Status);
        Assert.Equal(address, terms.Owner);
        Assert.Equal(0UL, terms.RecoveryNonce);
        Assert.False((await wallet.Get()).Frozen);
        Assert.Equal(RecoveryStatus.AwaitingApprovals, next.Status);
    }

    [Fact]
    public async Task A_threshold_of_guardians_cancels_and_one_guardian_alone_does_not()
    {
        var (wallet, address) = await GuardedWalletAsync();
        var (request, submitted) = await TimelockedAsync(address);

        var oneVote = await request.Cancel(Sign(Guardians[2], submitted.CancelMessage));
        var sameVoteAgain = await request.Cancel(Sign(Guardians[2], submitted.CancelMessage));
        var cancelled = await request.Cancel(Sign(Guardians[0], submitted.CancelMessage));

        Assert.Equal(RecoveryStatus.Timelocked, oneVote.Status);
        Assert.Equal([Guardians[2].Address], sameVoteAgain.CancelVotes);
        Assert.Equal(RecoveryStatus.Cancelled, cancelled.Status);
        Assert.False((await wallet.Get()).Frozen);
        Assert.Null((await wallet.GetRecoveryTerms()).ActiveRecovery);
    }

    [Fact]
    public async Task A_high_risk_request_waits_for_an_operator_review_and_the_longer_delay()
    {
        var address = _keys.Address(0x1);
        var wallet = Grains.GetGrain<IWalletGrain>(WalletKeys.Of(address));
        await wallet.SetGuardians("g-1", [.. Guardians.Select(g => g.Address)], 0);
        await wallet.RecordLogin(Device, null, "DE");
        var request = Grains.GetGrain<IRecoveryRequestGrain>(R1);

        // A new account, an unknown device and another country.
        var submitted = await request.Submit(new RecoverySubmission(address, NewOwner, [], Hash32.Parse("0x" + new string('e', 64)), "FR"));
        await request.Approve(Guardians[0].Address, Sign(Guardians[0], submitted.SigningMessage));
        var reviewing = await request.Approve(Guardians[1].Address, Sign(Guardians[1], submitted.SigningMessage));
        var reviewed = await request.Review(approve: true);

        Assert.Equal(RecoveryRisk.High, submitted.Risk);
        Assert.Equal(["new_device", "geo_mismatch", "new_account"], submitted.RiskReasons);
        Assert.Equal(RecoveryStatus.AwaitingReview, reviewing.Status);
        Assert.Equal(RecoveryStatus.Timelocked, reviewed.Status);
        Assert.Equal(_start + new RecoveryOptions().HighRiskDelay, reviewed.ExecuteAfter);
    }

    [Fact]
    public async Task An_operator_rejection_ends_the_request_and_frees_the_wallet_for_another()
    {
        var address = _keys.Address(0x1);
        var wallet = Grains.GetGrain<IWalletGrain>(WalletKeys.Of(address));
        await wallet.SetGuardians("g-1", [.. Guardians.Select(g => g.Address)], 0);
        var request = Grains.GetGrain<IRecoveryRequestGrain>(R1);
        var submitted = await request.Submit(new RecoverySubmission(address, NewOwner, [], Device, "FR"));
        var tooEarly = await Assert.ThrowsAsync<RequestRejectedException>(() => request.Review(approve: false));
        await request.Approve(Guardians[0].Address, Sign(Guardians[0], submitted.SigningMessage));
        await request.Approve(Guardians[2].Address, Sign(Guardians[2], submitted.SigningMessage));

        var rejected = await request.Review(approve: false);
        var next = await Grains.GetGrain<IRecoveryRequestGrain>(_keys.Id("r2"))
            .Submit(new RecoverySubmission(address, NewOwner, [], Device, "FR"));

        Assert.Equal(RecoveryRisk.High, submitted.Risk); // an unknown device on a new account
        Assert.Equal(RecoveryErrors.WrongState, tooEarly.Code);
        Assert.Equal(RecoveryStatus.Rejected, rejected.Status);
        Assert.Equal(address, (await wallet.Get()).Owner);
        Assert.Contains("recent_attempts", next.RiskReasons);
    }

    [Fact]
    public async Task Submission_is_idempotent_one_recovery_runs_at_a_time_and_a_wallet_without_guardians_cannot_be_recovered()
    {
        var (_, address) = await GuardedWalletAsync();
        var first = Grains.GetGrain<IRecoveryRequestGrain>(R1);
        var second = Grains.GetGrain<IRecoveryRequestGrain>(_keys.Id("r2"));
        var unguardedWallet = new RecoverySubmission(_keys.Address(0x2), NewOwner, [], null, null);

        var submitted = await first.Submit(Submission(address));
        var again = await first.Submit(Submission(address));
        var conflict = await Assert.ThrowsAsync<RequestRejectedException>(() => first.Submit(Submission(address) with { Geo = "FR" }));
        var alongside = await second.Submit(Submission(address)); // several may be open: only one passes its guardians' threshold
        await first.Approve(Guardians[0].Address, Sign(Guardians[0], submitted.SigningMessage));
        await first.Approve(Guardians[1].Address, Sign(Guardians[1], submitted.SigningMessage));
        var busy = await Assert.ThrowsAsync<RequestRejectedException>(
            () => second.Approve(Guardians[0].Address, Sign(Guardians[0], alongside.SigningMessage)));
        var later = await Assert.ThrowsAsync<RequestRejectedException>(
            () => Grains.GetGrain<IRecoveryRequestGrain>(_keys.Id("r4")).Submit(Submission(address)));
        var unguarded = await Assert.ThrowsAsync<RequestRejectedException>(
            () => Grains.GetGrain<IRecoveryRequestGrain>(_keys.Id("r3")).Submit(unguardedWallet));

        Assert.Equal(submitted.SigningMessage, again.SigningMessage);
        Assert.Equal(submitted.Steps.Count, again.Steps.Count);
        Assert.Equal(RecoveryErrors.Conflict, conflict.Code);
        Assert.Equal(RecoveryStatus.AwaitingApprovals, alongside.Status);
        Assert.Equal(WalletErrors.RecoveryPending, busy.Code);
        Assert.Equal(WalletErrors.RecoveryPending, later.Code);
        Assert.Equal(WalletErrors.NoGuardians, unguarded.Code);
        Assert.Empty((await second.Get()).Approvals);
    }

    // A wallet of OwnerKey's address (so the wallet is its own owner and OwnerKey signs as the owner), 8 days old, with three
    // guardians and a sign-in from the device and country the request will come from.
    private async Task<(IWalletGrain Wallet, EthereumAddress Address)> GuardedWalletAsync()
    {
        var address = OwnerKey.Address;
        var wallet = Grains.GetGrain<IWalletGrain>(WalletKeys.Of(address));
        await wallet.SetGuardians("g-1", [.. Guardians.Select(g => g.Address)], 0);
        await wallet.RecordLogin(Device, null, "DE");
        cluster.Time.Advance(AccountAge);
        return (wallet, address);
    }

    // Request r1, submitted and approved by two of the three guardians: in its timelock.
    private async Task<(IRecoveryRequestGrain Request, RecoveryView Submitted)> TimelockedAsync(EthereumAddress address)
    {
        var request = Grains.GetGrain<IRecoveryRequestGrain>(R1);
        var submitted = await request.Submit(Submission(address));
        await request.Approve(Guardians[0].Address, Sign(Guardians[0], submitted.SigningMessage));
        await request.Approve(Guardians[1].Address, Sign(Guardians[1], submitted.SigningMessage));
        return (request, submitted);
    }

    private RecoverySubmission Submission(EthereumAddress wallet) =>
        new(wallet, NewOwner, [Hash32.Parse("0x" + new string('b', 64))], Device, "DE");

    private async Task<INftTokenGrain> MintAsync(string tokenId, EthereumAddress owner)
    {
        var token = Grains.GetGrain<INftTokenGrain>(NftKeys.Token(C, tokenId));
        await token.Mint($"mint-{tokenId}", owner, Metadata);
        return token;
    }

    private static string Sign(PrivateKey key, string message, EthereumAddress? expected = null)
    {
        Assert.True(expected is null || key.Address == expected);
        return PersonalSign.Sign(key, message).ToString();
    }

    private static PrivateKey Key(int n) => PrivateKey.Parse("0x" + n.ToString("x64", CultureInfo.InvariantCulture));
}
