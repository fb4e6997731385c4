using Actors.Domain.Ethereum;
using Actors.Domain.Money;
using Actors.Grains.Interfaces.Nfts;
using Actors.Grains.Interfaces.Wallets;
using Actors.Grains.Interfaces;
using Actors.Providers.Storage;
using Actors.Testing;

namespace Actors.Grains.Tests.Nfts;

/// <summary>Revenue split over tokens, settled at ownership changes, with EIP-721 approvals and operators.</summary>
[Collection(SharedGrainCluster.Collection)]
public sealed class NftDividendTests(SharedGrainCluster cluster)
{
    private static readonly UInt256 E18 = UInt256.Pow10(18);
    private static readonly UInt256 Half = 5 * UInt256.Pow10(17);
    private static readonly Hash32 Metadata = Hash32.Parse("0x" + new string('a', 64));
    private readonly TestKeys _keys = TestKeys.Next();

    private EthereumAddress A => _keys.Address(0xa);

    private EthereumAddress B => _keys.Address(0xb);

    private EthereumAddress C => _keys.Address(0xc);

    private EthereumAddress Approved => _keys.Address(0xa1);

    private EthereumAddress Operator => _keys.Address(0x0e);

    private EthereumAddress Stranger => _keys.Address(0x55);

    private string Id => _keys.Id("c");

    private IGrainFactory Grains => cluster.Grains;

    [Fact]
    public async Task Revenue_splits_per_token_and_a_transfer_settles_the_previous_owner_at_that_moment()
    {
        var collection = await CreateAsync(Grains, Id);
        var one = await MintAsync(Grains, Id, "1", A);
        var two = await MintAsync(Grains, Id, "2", B);
        var three = await MintAsync(Grains, Id, "3", A);
        await Wallet(Grains, A).SetOperator("op-1", Id, Operator, true);
        await one.Approve("ap-1", A, Approved);

        await collection.Deposit("rev-1", 3 * E18 / 2); // 0.5e18 for each of the three tokens
        var beforeTransfer = await one.Get();
        var moved = await one.Transfer("t-1", Approved, C);
        await collection.Deposit("rev-2", 3 * E18 / 2);

        var stranger = await Assert.ThrowsAsync<RequestRejectedException>(() => two.Transfer("t-2", Stranger, Stranger));
        var operatorOnMovedToken = await Assert.ThrowsAsync<RequestRejectedException>(() => one.Transfer("t-3", Operator, Operator));
        var operatorMoves = await three.Transfer("t-4", Operator, B);
        var a = await Wallet(Grains, A).GetHoldings(Id);
        var b = await Wallet(Grains, B).GetHoldings(Id);
        var c = await Wallet(Grains, C).GetHoldings(Id);

        Assert.Equal(Half, beforeTransfer.PendingDividend);
        Assert.Null(moved.Approved); // the single-token approval is cleared by the transfer
        Assert.Equal(C, moved.Owner);
        Assert.Equal(Half, (await one.Get()).PendingDividend); // only the revenue after the transfer, for C
        Assert.Equal(WalletErrors.NotAuthorized, stranger.Code);
        Assert.Equal(WalletErrors.NotAuthorized, operatorOnMovedToken.Code);
        Assert.Equal(B, operatorMoves.Owner); // A's operator survived the transfer of token 1 and still acts for A
        Assert.Equal(3 * Half, a.Claimable); // token 1 until its transfer, token 3 until its transfer after the second deposit
        Assert.Empty(a.Tokens);
        Assert.Equal(2 * Half, b.Claimable);
        Assert.Equal(["2", "3"], b.Tokens.Select(t => t.TokenId));
        Assert.Equal(Half, c.Claimable);
        Assert.Contains(Operator, (await Wallet(Grains, A).Get()).Collections.Single().Operators);
    }

    [Fact]
    public async Task Claims_pay_each_owner_exactly_what_was_settled_and_accrued_and_nothing_more()
    {
        var collection = await CreateAsync(Grains, Id);
        var one = await MintAsync(Grains, Id, "1", A);
        await MintAsync(Grains, Id, "2", B);
        await collection.Deposit("rev-1", E18);
        await one.Transfer("t-1", A, C);
        await collection.Deposit("rev-2", E18);

        var paidA = await Wallet(Grains, A).ClaimDividends("cl-1", Id);
        var paidAgain = await Wallet(Grains, A).ClaimDividends("cl-1", Id);
        var paidAFresh = await Wallet(Grains, A).ClaimDividends("cl-2", Id);
        var paidB = await Wallet(Grains, B).ClaimDividends("cl-3", Id);
        var paidC = await Wallet(Grains, C).ClaimDividends("cl-4", Id);
        await collection.Deposit("rev-3", E18);
        var paidBLater = await Wallet(Grains, B).ClaimDividends("cl-5", Id);

        Assert.Equal(Half, paidA.Paid); // settled at the transfer, unchanged by the later revenue
        Assert.Equal(paidA, paidAgain);
        Assert.Equal(UInt256.Zero, paidAFresh.Paid);
        Assert.Equal(E18, paidB.Paid);
        Assert.Equal(Half, paidC.Paid);
        Assert.Equal(Half, paidBLater.Paid);
        Assert.Equal(3 * E18, paidA.Paid + paidB.Paid + paidC.Paid + paidBLater.Paid + (await Wallet(Grains, C).GetHoldings(Id)).Claimable);
    }

    [Fact]
    public async Task A_refused_transfer_changes_nothing_and_a_repeated_one_has_one_effect()
    {
        var collection = await CreateAsync(Grains, Id);
        var one = await MintAsync(Grains, Id, "1", A);
        await collection.Deposit("rev-1", E18);
        var before = await one.Get();
        var holdingsBefore = await Wallet(Grains, A).GetHoldings(Id);

        await Assert.ThrowsAsync<RequestRejectedException>(() => one.Transfer("t-1", Stranger, Stranger));
        await Assert.ThrowsAsync<RequestRejectedException>(() => one.Approve("ap-1", Stranger, Stranger));
        await Refused.FieldAsync("to", () => one.Transfer("t-2", A, A));
        var unchanged = await one.Get();
        var holdingsAfterRefusals = await Wallet(Grains, A).GetHoldings(Id);
        var first = await one.Transfer("t-3", A, B);
        var repeat = await one.Transfer("t-3", A, B);
        var reused = await Assert.ThrowsAsync<RequestRejectedException>(() => one.Transfer("t-3", B, C));

        Assert.Equal(
            (before.Owner, before.Approved, before.Sequence, before.PendingDividend),
            (unchanged.Owner, unchanged.Approved, unchanged.Sequence, unchanged.PendingDividend));
        Assert.Single(unchanged.Provenance);
        Assert.Equal(holdingsBefore.Tokens, holdingsAfterRefusals.Tokens);
        Assert.Equal(holdingsBefore.Claimable, holdingsAfterRefusals.Claimable);
        Assert.Equal((first.Owner, first.Sequence, first.IndexPaid), (repeat.Owner, repeat.Sequence, repeat.IndexPaid));
        Assert.Equal(first.Provenance, repeat.Provenance);
        Assert.Equal(2, (await one.Get()).Sequence);
        Assert.Equal([A, B], (await one.Get()).Provenance.Select(p => p.To));
        Assert.Contains("t-3", reused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_frozen_owner_cannot_move_or_approve_its_tokens()
    {
        await CreateAsync(Grains, Id);
        var one = await MintAsync(Grains, Id, "1", A);
        await Wallet(Grains, A).SetOperator("op-1", Id, Operator, true);
        await Wallet(Grains, A).Freeze("f-1", "operator");

        var byOwner = await Assert.ThrowsAsync<RequestRejectedException>(() => one.Transfer("t-1", A, B));
        var byOperator = await Assert.ThrowsAsync<RequestRejectedException>(() => one.Transfer("t-2", Operator, B));
        var approval = await Assert.ThrowsAsync<RequestRejectedException>(() => one.Approve("ap-1", A, Approved));
        await Wallet(Grains, A).Unfreeze("uf-1", "operator");
        var moved = await one.Transfer("t-3", A, B);

        Assert.All([byOwner, byOperator, approval], e => Assert.Equal(WalletErrors.Frozen, e.Code));
        Assert.Equal(B, moved.Owner);
    }

    [Fact]
    public async Task Minting_is_idempotent_and_a_token_minted_later_does_not_share_earlier_revenue()
    {
        var collection = await CreateAsync(Grains, Id);
        var one = await MintAsync(Grains, Id, "1", A);
        await collection.Deposit("rev-1", E18);
        var two = await MintAsync(Grains, Id, "2", B);
        var again = await two.Mint("mint-again", B, Metadata);
        var conflict = await Assert.ThrowsAsync<RequestRejectedException>(() => two.Mint("mint-other", C, Metadata));
        await collection.Deposit("rev-2", E18);
        var repeatDeposit = await collection.Deposit("rev-2", E18);

        Assert.Equal(2, repeatDeposit.Supply);
        Assert.Equal(2 * E18, repeatDeposit.Deposited);
        Assert.Equal(E18 + Half, (await one.Get()).PendingDividend);
        Assert.Equal(Half, (await two.Get()).PendingDividend);
        Assert.Equal(B, again.Owner);
        Assert.Contains("already minted", conflict.Message, StringComparison.Ordinal);
        var uncreated = Grains.GetGrain<INftTokenGrain>(NftKeys.Token(_keys.Id("nope"), "1"));
        var missing = await Assert.ThrowsAsync<RequestRejectedException>(() => uncreated.Mint("m", A, Metadata));
        Assert.Equal((NftErrors.TokenExists, RequestRejectedException.NotFound), (conflict.Code, missing.Code));
    }

    [Fact]
    public async Task Revenue_that_does_not_divide_evenly_leaves_dust_and_nothing_is_created()
    {
        var collection = await CreateAsync(Grains, Id);
        var owners = new[] { A, B, C };
        for (var i = 0; i < 3; i++)
        {
            await MintAsync(Grains, Id, (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), owners[i]);
        }

        var info = await collection.Deposit("rev-1", 10);
        var claimable = UInt256.Zero;
        foreach (var owner in owners)
        {
            claimable += (await Wallet(Grains, owner).GetHoldings(Id)).Claimable;
        }

        // 10 / 3 = 3.333...: 3 whole units each, the index keeps 10^36/3 more per token, and the division's remainder is dust.
        Assert.Equal((UInt256)9, claimable);
        Assert.Equal(10 * RewardMath.Scale % 3, info.DustScaled);
        Assert.Equal(10 * RewardMath.Scale / 3, info.Index);
    }

    [Fact]
    public async Task A_transfer_interrupted_between_its_steps_finishes_once_when_retried()
    {
        var collection = await CreateAsync(Grains, Id);
        var one = await MintAsync(Grains, Id, "1", A);
        await collection.Deposit("rev-1", E18);
        await TransferFailingAtCommitAsync(cluster.Storage, one, NftKeys.Token(Id, "1"), "t-1", A, B);
        var retried = await one.Transfer("t-1", A, B);
        await collection.Deposit("rev-2", E18);

        Assert.Equal(B, retried.Owner);
        Assert.Equal(2, retried.Sequence);
        Assert.Equal(E18, (await Wallet(Grains, A).GetHoldings(Id)).Claimable);
        Assert.Equal(E18, (await Wallet(Grains, B).GetHoldings(Id)).Claimable);
        Assert.Equal(["1"], (await Wallet(Grains, B).GetHoldings(Id)).Tokens.Select(t => t.TokenId));
    }

    [Fact]
    public async Task A_transfer_finished_by_another_operation_answers_its_own_retry_with_its_result()
    {
        await CreateAsync(Grains, Id);
        var one = await MintAsync(Grains, Id, "1", A);
        await TransferFailingAtCommitAsync(cluster.Storage, one, NftKeys.Token(Id, "1"), "t-1", A, B);

        await one.Approve("ap-1", B, Approved); // finishes the stored transfer first
        var retried = await one.Transfer("t-1", A, B);

        Assert.Equal(B, retried.Owner);
        Assert.Equal(2, retried.Sequence);
        Assert.Equal(Approved, (await one.Get()).Approved);
    }

    [Fact]
    public async Task An_arrival_notice_that_failed_is_delivered_at_the_next_operation_and_counts_once()
    {
        var collection = await CreateAsync(Grains, Id);
        var one = await MintAsync(Grains, Id, "1", A);
        _ = cluster.Storage.FailWriteOf(WalletKeys.Of(B), 1, "B's wallet cannot store the arrival");

        await Assert.ThrowsAsync<StorageUnavailableException>(() => one.Transfer("t-1", A, B));
        cluster.Storage.BeforeWrite = null;
        var held = await Wallet(Grains, B).GetHoldings(Id);
        await collection.Deposit("rev-1", E18);
        await one.Approve("ap-1", B, Approved); // the next operation delivers the notice first
        var afterDelivery = await Wallet(Grains, B).GetHoldings(Id);
        await one.Transfer("t-2", Approved, C);

        Assert.Empty(held.Tokens);
        Assert.Equal(["1"], afterDelivery.Tokens.Select(t => t.TokenId));
        Assert.Equal(E18, (await Wallet(Grains, B).GetHoldings(Id)).Claimable);
        Assert.Equal(UInt256.Zero, (await Wallet(Grains, A).GetHoldings(Id)).Claimable);
        Assert.Equal(C, (await one.Get()).Owner);
    }

    // The transfer's intent is stored and the owner's wallet releases the token; then the token's commit fails.
    private static async Task TransferFailingAtCommitAsync(
        FaultInjectingGrainStorage storage, INftTokenGrain token, string tokenKey, string operationId, EthereumAddress caller,
        EthereumAddress to)
    {
        _ = storage.FailWriteOf(tokenKey, 2, "the token's commit fails");
        await Assert.ThrowsAsync<StorageUnavailableException>(() => token.Transfer(operationId, caller, to));
        storage.BeforeWrite = null;
    }

    internal static async Task<INftCollectionGrain> CreateAsync(IGrainFactory grains, string id)
    {
        var collection = grains.GetGrain<INftCollectionGrain>(id);
        await collection.Create(new CollectionTerms($"Collection {id}"));
        return collection;
    }

    internal static async Task<INftTokenGrain> MintAsync(IGrainFactory grains, string collectionId, string tokenId, EthereumAddress owner)
    {
        var token = grains.GetGrain<INftTokenGrain>(NftKeys.Token(collectionId, tokenId));
        await token.Mint($"mint-{tokenId}", owner, Metadata);
        return token;
    }

    internal static IWalletGrain Wallet(IGrainFactory grains, EthereumAddress address) =>
        grains.GetGrain<IWalletGrain>(WalletKeys.Of(address));
}
