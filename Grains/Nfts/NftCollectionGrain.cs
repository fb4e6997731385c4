using Actors.Domain.Money;
using Actors.Grains.Interfaces.Nfts;
using Actors.Grains.Interfaces;
using Actors.Grains.Persistence;

namespace Actors.Grains.Nfts;

/// <summary>
/// The collection grain: supply, dividend index, deposits and dust. A deposit is O(1): the index rises by
/// amount * 10^36 / supply, rounded down, and the remainder is dust. Nothing here grows with the number of tokens or owners
/// except the registrations of mints in flight.
/// </summary>
[GrainType("nft-collection")]
public sealed class NftCollectionGrain([PersistentState("collection")] IPersistentState<NftCollectionState> state) : Grain, INftCollectionGrain
{
    private string GrainKey => this.GetPrimaryKeyString();

    /// <summary>Deposit operation ids remembered for idempotency.</summary>
    public const int RememberedDeposits = 1_024;

    /// <summary>Most mints a collection holds unconfirmed before it refuses new ones.</summary>
    public const int MaxUnconfirmedMints = 10_000;

    /// <inheritdoc />
    public async Task<CollectionInfo> Create(CollectionTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        NftKeys.ValidateCollectionId(GrainKey);
        if (!NftKeys.IsCollectionName(terms.Name))
        {
            throw RequestRejectedException.Invalid(nameof(terms), $"A collection name is 1 to {NftKeys.MaxCollectionNameLength} visible characters (no control, bidirectional, zero-width or other invisible characters).");
        }

        if (state.State.Exists)
        {
            return state.State.Name == terms.Name
                ? Info()
                : throw new RequestRejectedException(NftErrors.CollectionExists, $"Collection '{GrainKey}' already exists with other terms.");
        }

        state.State.Exists = true;
        state.State.Name = terms.Name;
        await WriteAsync();
        return Info();
    }

    /// <inheritdoc />
    public async Task<CollectionInfo> Deposit(string operationId, UInt256 amount)
    {
        OperationIds.Validate(operationId);
        Existing();
        if (state.State.RecentDeposits.Contains(operationId))
        {
            return Info();
        }

        if (amount.IsZero)
        {
            throw RequestRejectedException.Invalid(nameof(amount), "A deposit must be more than zero.");
        }

        if (state.State.Supply == 0)
        {
            throw new RequestRejectedException(NftErrors.NoTokens, $"Collection '{GrainKey}' has no tokens to share revenue over.");
        }

        // Checked arithmetic: a deposit that would overflow the index or the totals is refused and changes nothing.
        var scaled = amount * RewardMath.Scale;
        UInt256 supply = (ulong)state.State.Supply;
        var index = state.State.Index + (scaled / supply);
        var deposited = state.State.Deposited + amount;
        var dust = state.State.DustScaled + (scaled % supply);
        (state.State.Index, state.State.Deposited, state.State.DustScaled) = (index, deposited, dust);
        state.State.RecentDeposits.Add(operationId);
        if (state.State.RecentDeposits.Count > RememberedDeposits)
        {
            state.State.RecentDeposits.RemoveAt(0);
        }

        await WriteAsync();
        return Info();
    }

    /// <inheritdoc />
    public Task<CollectionInfo> GetInfo() => Task.FromResult(Info());

    /// <inheritdoc />
    public async Task<UInt256> RegisterToken(string tokenId)
    {
        NftKeys.ValidateTokenId(tokenId);
        Existing();
        if (state.State.Registering.TryGetValue(tokenId, out var index))
        {
            return index;
        }

        if (state.State.Registering.Count >= MaxUnconfirmedMints)
        {
            throw new RequestRejectedException(NftErrors.CollectionBusy, $"Collection '{GrainKey}' holds {MaxUnconfirmedMints} unconfirmed mints; try again later.");
        }

        state.State.Supply = checked(state.State.Supply + 1);
        state.State.Registering[tokenId] = state.State.Index;
        await WriteAsync();
        return state.State.Index;
    }

    /// <inheritdoc />
    public async Task ConfirmToken(string tokenId)
    {
        if (state.State.Registering.Remove(tokenId))
        {
            await WriteAsync();
        }
    }

    private void Existing()
    {
        if (!state.State.Exists)
        {
            throw RequestRejectedException.Missing($"Collection '{GrainKey}' does not exist.");
        }
    }

    private Task WriteAsync() => state.WriteOrResetAsync(this);

    private CollectionInfo Info() => new(
        GrainKey, state.State.Exists, state.State.Name, state.State.Supply, state.State.Index, RewardMath.ScaleDecimals,
        state.State.Deposited, state.State.DustScaled);
}

/// <summary>The collection grain's stored state.</summary>
public sealed class NftCollectionState
{
    /// <summary>Whether the collection has been created.</summary>
    public bool Exists { get; set; }

    /// <summary>Its display name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Tokens minted (registered).</summary>
    public long Supply { get; set; }

    /// <summary>Dividend per token, scaled by 10^36.</summary>
    public UInt256 Index { get; set; }

    /// <summary>Revenue deposited, in base units.</summary>
    public UInt256 Deposited { get; set; }

    /// <summary>Revenue no token accrues, in 1/10^36 base units.</summary>
    public UInt256 DustScaled { get; set; }

    /// <summary>Recent deposit operation ids, oldest first.</summary>
    public List<string> RecentDeposits { get; set; } = [];

    /// <summary>Mints registered and not yet confirmed by their token, with the index each accrues from.</summary>
    public Dictionary<string, UInt256> Registering { get; set; } = new(StringComparer.Ordinal);
}
