using Actors.Domain.Ethereum;
using Actors.Domain.Money;
using Actors.Grains.Interfaces.Nfts;
using Actors.Grains.Interfaces.Wallets;
using Actors.Grains.Interfaces;

namespace Actors.Grains.Wallets;

// NFT holdings: the tokens the wallet holds per collection, the dividends accrued on them, and the operators it approves.
// Tokens tell the wallet when they arrive and leave, each change numbered, so notices count once and in order; the wallet
// reads the collection's index and never calls a token.
public sealed partial class WalletGrain
{
    /// <inheritdoc />
    public async Task<WalletView> SetOperator(string operationId, string collectionId, EthereumAddress operatorAddress, bool approved)
    {
        OperationIds.Validate(operationId);
        NftKeys.ValidateCollectionId(collectionId);
        ArgumentNullException.ThrowIfNull(operatorAddress);
        var request = $"{operatorAddress.ToLowerHex()}/{approved}";
        if (Repeat<WalletView>(operationId, "operator", collectionId, request) is { } done)
        {
            return done;
        }

        if (operatorAddress == Address)
        {
            throw RequestRejectedException.Invalid(nameof(operatorAddress), "A wallet is not its own operator.");
        }

        // Revoking an operator takes control away, so a frozen wallet may still do it.
        Admit(approved ? "approving an operator" : "revoking an operator", blockedByFreeze: approved, stepUp: approved);
        var operators = Holdings(collectionId).Operators;
        operators.Remove(operatorAddress);
        if (approved)
        {
            operators.Add(operatorAddress);
        }

        return await RememberAsync(operationId, "operator", collectionId, request, Snapshot());
    }

    /// <inheritdoc />
    public async Task<DividendClaimView> ClaimDividends(string operationId, string collectionId)
    {
        OperationIds.Validate(operationId);
        NftKeys.ValidateCollectionId(collectionId);
        if (Repeat<DividendClaimView>(operationId, "dividends", collectionId, "") is { } done)
        {
            return done;
        }

        Admit("a dividend claim", blockedByFreeze: true);
        var index = await CollectionIndexAsync(collectionId);
        var holdings = Holdings(collectionId);
        foreach (var (tokenId, indexPaid) in holdings.Held.ToList())
        {
            holdings.AccruedScaled += index - indexPaid;
            holdings.Held[tokenId] = index;
        }

        var paid = holdings.AccruedScaled / RewardMath.Scale;
        holdings.AccruedScaled -= paid * RewardMath.Scale;
        holdings.Claimed += paid;
        return await RememberAsync(operationId, "dividends", collectionId, "", new DividendClaimView(collectionId, paid, holdings.Claimed));
    }

    /// <inheritdoc />
    public async Task<HoldingsView> GetHoldings(string collectionId)
    {
        NftKeys.ValidateCollectionId(collectionId);
        var index = await CollectionIndexAsync(collectionId);
        var holdings = state.State.Collections?.GetValueOrDefault(collectionId) ?? new CollectionHoldings();
        var accrued = holdings.AccruedScaled;
        var tokens = new List<HeldTokenView>(holdings.Held.Count);
        foreach (var (tokenId, indexPaid) in holdings.Held.OrderBy(t => UInt256.Parse(t.Key)))
        {
            accrued += index - indexPaid;
            tokens.Add(new HeldTokenView(tokenId, indexPaid, (index - indexPaid) / RewardMath.Scale));
        }

        return new HoldingsView(collectionId, tokens, accrued / RewardMath.Scale, holdings.Claimed, index);
    }

    /// <inheritdoc />
    public Task<bool> AuthorizeTokenAction(string collectionId, EthereumAddress caller, bool approvedByToken)
    {
        NftKeys.ValidateCollectionId(collectionId);
        ArgumentNullException.ThrowIfNull(caller);
        var authorized = approvedByToken || caller == Address || caller == Owner
            || (state.State.Collections?.GetValueOrDefault(collectionId)?.Operators.Contains(caller) ?? false);

        // Only an authorized caller spends the wallet's rate limit: a stranger cannot exhaust it.
        if (authorized)
        {
            RefuseDuringRecoveryEscrow("moving or approving a token");
            Admit("moving or approving a token", blockedByFreeze: true, stepUp: true);
        }

        return Task.FromResult(authorized);
    }

    /// <inheritdoc />
    public async Task<UInt256> ReleaseToken(string collectionId, string tokenId, long sequence)
    {
        NftKeys.ValidateCollectionId(collectionId);
        NftKeys.ValidateTokenId(tokenId);
        var holdings = Holdings(collectionId);
        if (holdings.Marks.GetValueOrDefault(tokenId) is { } mark && mark.Sequence >= sequence)
        {
            return mark.Sequence == sequence && !holdings.Held.ContainsKey(tokenId)
                ? mark.Index
                : throw new RequestRejectedException(NftErrors.TokenNotHeld, $"Token {collectionId}/{tokenId} cannot leave wallet '{GrainKey}' at change {sequence}: the wallet has applied change {mark.Sequence}.");
        }

        if (!holdings.Held.TryGetValue(tokenId, out var indexPaid))
        {
            throw new RequestRejectedException(NftErrors.TokenNotHeld, $"Wallet '{GrainKey}' does not hold token {collectionId}/{tokenId}.");
        }

        var index = await CollectionIndexAsync(collectionId);
        holdings.AccruedScaled += index - indexPaid;
        holdings.Held.Remove(tokenId);
        holdings.Marks[tokenId] = new TokenMark(sequence, index);
        await WriteAsync();
        return index;
    }

    /// <inheritdoc />
    public async Task AcceptToken(string collectionId, string tokenId, long sequence, UInt256 index)
    {
        NftKeys.ValidateCollectionId(collectionId);
        NftKeys.ValidateTokenId(tokenId);
        var holdings = Holdings(collectionId);
        if (holdings.Marks.GetValueOrDefault(tokenId) is { } mark && mark.Sequence >= sequence)
        {
            return;
        }

        holdings.Held[tokenId] = index;
        holdings.Marks[tokenId] = new TokenMark(sequence, index);
        await WriteAsync();
    }

    /// <inheritdoc />
    public Task<UInt256?> HeldTokenIndex(string collectionId, string tokenId) =>
        Task.FromResult(state.State.Collections?.GetValueOrDefault(collectionId)?.Held.TryGetValue(tokenId, out var index) == true ? index : (UInt256?)null);

    private CollectionHoldings Holdings(string collectionId)
    {
        var collections = state.State.Collections ??= new(StringComparer.Ordinal);
        if (!collections.TryGetValue(collectionId, out var holdings))
        {
            holdings = new CollectionHoldings();
            collections[collectionId] = holdings;
        }

        return holdings;
    }

    private async Task<UInt256> CollectionIndexAsync(string collectionId)
    {
        var info = await GrainFactory.GetGrain<INftCollectionGrain>(collectionId).GetInfo();
        return info.Exists ? info.Index : throw RequestRejectedException.Missing($"Collection '{collectionId}' does not exist.");
    }

    private static CollectionHoldingSummary Summary(string collectionId, CollectionHoldings holdings) => new(
        collectionId, [.. holdings.Held.Keys.OrderBy(t => UInt256.Parse(t))], [.. holdings.Operators], holdings.Claimed);
}
