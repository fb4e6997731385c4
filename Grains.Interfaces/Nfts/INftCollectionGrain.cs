using Orleans.Concurrency;
using Actors.Domain.Money;

namespace Actors.Grains.Interfaces.Nfts;

/// <summary>
/// An NFT collection: its supply and a dividend index per token. A revenue deposit raises the index by amount / supply (scaled
/// by <see cref="RewardMath.Scale"/>) in O(1), whatever the number of tokens or owners; each token accrues the index's rise
/// since it was last settled. The collection calls no other grain, so tokens and wallets may always call it.
/// </summary>
public interface INftCollectionGrain : IGrainWithStringKey
{
    /// <summary>Creates the collection. Creating again with the same terms returns it; other terms are refused.</summary>
    Task<CollectionInfo> Create(CollectionTerms terms);

    /// <summary>
    /// Shares <paramref name="amount"/> base units equally over the tokens minted so far, once per <paramref name="operationId"/>.
    /// The part that does not divide evenly (below one base unit per token, scaled) is kept as dust.
    /// </summary>
    Task<CollectionInfo> Deposit(string operationId, UInt256 amount);

    /// <summary>The collection's figures.</summary>
    [ReadOnly]
    Task<CollectionInfo> GetInfo();

    /// <summary>
    /// Called by a token being minted: counts it in the supply and returns the index it accrues from. The registration is
    /// kept until <see cref="ConfirmToken"/>, so a repeat returns the same index instead of counting the token twice.
    /// </summary>
    Task<UInt256> RegisterToken(string tokenId);

    /// <summary>Called by a token once it has stored its mint: the collection forgets the registration.</summary>
    Task ConfirmToken(string tokenId);
}

/// <summary>A collection's terms, set at creation.</summary>
/// <param name="Name">A display name, 1 to 100 characters.</param>
[GenerateSerializer]
[Immutable]
[Alias("actors.CollectionTerms")]
public sealed record CollectionTerms([property: Id(0)] string Name);

/// <summary>A collection's figures.</summary>
/// <param name="CollectionId">The collection's id.</param>
/// <param name="Exists">Whether the collection has been created.</param>
/// <param name="Name">Its display name.</param>
/// <param name="Supply">Tokens minted.</param>
/// <param name="Index">Dividend per token since creation, scaled by 10^<paramref name="Scale"/>.</param>
/// <param name="Scale">The index's decimal scale.</param>
/// <param name="Deposited">Revenue deposited, in base units.</param>
/// <param name="DustScaled">Deposited revenue no token accrues (the remainders of the divisions), in 1/10^Scale base units.</param>
[GenerateSerializer]
[Immutable]
[Alias("actors.CollectionInfo")]
public sealed record CollectionInfo(
    [property: Id(0)] string CollectionId, [property: Id(1)] bool Exists, [property: Id(2)] string Name, [property: Id(3)] long Supply, [property: Id(4)] UInt256 Index, [property: Id(5)] int Scale, [property: Id(6)] UInt256 Deposited, [property: Id(7)] UInt256 DustScaled);
