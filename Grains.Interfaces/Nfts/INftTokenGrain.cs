using Orleans.Concurrency;
using Actors.Domain.Ethereum;
using Actors.Domain.Money;

namespace Actors.Grains.Interfaces.Nfts;

/// <summary>
/// One NFT, keyed <c>{collectionId}/{tokenId}</c> (<see cref="NftKeys.Token"/>), with EIP-721 semantics: an owner, at most
/// one approved address (cleared by every transfer), and operators that the owner's wallet grants per collection and that
/// survive transfers. The token is the authority on its ownership; the owning wallets keep the dividend accounting. On a
/// transfer the dividend accrued up to that moment is settled to the previous owner, and the new owner accrues from then on.
/// Every state-changing call carries an operation id: a repeat returns the first result and has no second effect.
/// </summary>
public interface INftTokenGrain : IGrainWithStringKey
{
    /// <summary>
    /// Mints the token to <paramref name="owner"/> (an operator action). Minting again with the same owner and metadata returns
    /// the token; anything else is refused.
    /// </summary>
    Task<TokenView> Mint(string operationId, EthereumAddress owner, Hash32 metadataHash);

    /// <summary>
    /// Transfers the token to <paramref name="to"/> on behalf of <paramref name="caller"/>, who must be the owner, the approved
    /// address or one of the owner's operators for the collection. Refused (with nothing changed) when the owner's wallet is
    /// frozen or over its rate limit.
    /// </summary>
    Task<TokenView> Transfer(string operationId, EthereumAddress caller, EthereumAddress to);

    /// <summary>
    /// Sets the single approved address (null clears it) on behalf of <paramref name="caller"/>, who must be the owner or one
    /// of the owner's operators.
    /// </summary>
    Task<TokenView> Approve(string operationId, EthereumAddress caller, EthereumAddress? approved);

    /// <summary>
    /// Clears the single approved address for a recovery of the owner's wallet (<paramref name="requestId"/>): a step of its
    /// finalization, not an owner's action. Repeats change nothing.
    /// </summary>
    Task<TokenView> RevokeApproval(string requestId);

    /// <summary>The token, with the dividend its owner has accrued on it and not yet claimed.</summary>
    [ReadOnly]
    Task<TokenView> Get();
}

/// <summary>Keys and id rules of collections and tokens.</summary>
public static class NftKeys
{
    /// <summary>The longest collection id.</summary>
    public const int MaxCollectionIdLength = 64;

    /// <summary>The key of a token grain.</summary>
    public static string Token(string collectionId, string tokenId)
    {
        ValidateCollectionId(collectionId);
        ValidateTokenId(tokenId);
        return $"{collectionId}/{tokenId}";
    }

    /// <summary>Splits a token grain's key into collection id and token id, checking both.</summary>
    public static (string CollectionId, string TokenId) ParseToken(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            throw RequestRejectedException.Invalid(nameof(key), $"A token key is '{{collectionId}}/{{tokenId}}', not '{key}'.");
        }

        var (collectionId, tokenId) = (key[..slash], key[(slash + 1)..]);
        ValidateCollectionId(collectionId);
        ValidateTokenId(tokenId);
        return (collectionId, tokenId);
    }

    /// <summary>The longest collection name.</summary>
    public const int MaxCollectionNameLength = 100;

    /// <summary>
    /// Whether <paramref name="name"/> is a collection's display name: 1 to 100 characters, not all white space, and
    /// <see cref="Ids.IsVisibleText"/> (no control, bidirectional, zero-width or other invisible characters).
    /// </summary>
    public static bool IsCollectionName([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? name) =>
        name is { Length: > 0 and <= MaxCollectionNameLength } && !string.IsNullOrWhiteSpace(name) && Ids.IsVisibleText(name);

    /// <summary>Whether <paramref name="collectionId"/> is 1 to 64 letters, digits, '.', '_' or '-'.</summary>
    public static bool IsCollectionId(string? collectionId) => Ids.IsId(collectionId, MaxCollectionIdLength);

    /// <summary>Whether <paramref name="tokenId"/> is a token id as EIP-721 has them: a 256-bit unsigned integer in canonical decimal.</summary>
    public static bool IsTokenId(string? tokenId) => UInt256.TryParse(tokenId, out _, out _);

    /// <summary>Checks a collection id.</summary>
    public static void ValidateCollectionId(string collectionId)
    {
        if (!IsCollectionId(collectionId))
        {
            throw RequestRejectedException.Invalid(nameof(collectionId), $"A collection id is 1 to {MaxCollectionIdLength} letters, digits, '.', '_' or '-'.");
        }
    }

    /// <summary>Checks a token id.</summary>
    public static void ValidateTokenId(string tokenId)
    {
        if (!IsTokenId(tokenId))
        {
            throw RequestRejectedException.Invalid(nameof(tokenId), "A token id is a non-negative integer below 2^256 in decimal, without leading zeros.");
        }
    }
}

/// <summary>A token as its grain holds it.</summary>
/// <param name="CollectionId">The collection.</param>
/// <param name="TokenId">The token's id in the collection.</param>
/// <param name="Exists">Whether the token has been minted.</param>
/// <param name="Owner">The owning wallet.</param>
/// <param name="Approved">The single approved address, if any.</param>
/// <param name="MetadataHash">The hash of the token's metadata.</param>
/// <param name="IndexPaid">The collection index at which the token was last settled (its mint or its last transfer).</param>
/// <param name="PendingDividend">Whole base units accrued on the token and not yet claimed by its owner.</param>
/// <param name="Sequence">Ownership changes so far (the mint is 1).</param>
/// <param name="Provenance">Every ownership change, oldest first.</param>
[GenerateSerializer]
[Immutable]
[Alias("actors.TokenView")]
public sealed record TokenView(
    [property: Id(0)] string CollectionId,
    [property: Id(1)] string TokenId,
    [property: Id(2)] bool Exists,
    [property: Id(3)] EthereumAddress? Owner,
    [property: Id(4)] EthereumAddress? Approved,
    [property: Id(5)] Hash32? MetadataHash,
    [property: Id(6)] UInt256 IndexPaid,
    [property: Id(7)] UInt256 PendingDividend,
    [property: Id(8)] long Sequence,
    [property: Id(9)] IReadOnlyList<ProvenanceEntry> Provenance);

/// <summary>An ownership change: the mint (no <paramref name="From"/>) or a transfer.</summary>
/// <param name="Sequence">The change's number, from 1.</param>
/// <param name="From">The previous owner.</param>
/// <param name="To">The new owner.</param>
/// <param name="At">When, in Unix seconds.</param>
/// <param name="Index">The collection index at which the previous owner was settled and the new owner starts accruing.</param>
/// <param name="OperationId">The operation that made the change.</param>
[GenerateSerializer]
[Immutable]
[Alias("actors.ProvenanceEntry")]
public sealed record ProvenanceEntry([property: Id(0)] long Sequence, [property: Id(1)] EthereumAddress? From, [property: Id(2)] EthereumAddress To, [property: Id(3)] long At, [property: Id(4)] UInt256 Index, [property: Id(5)] string OperationId);

/// <summary>The codes of NFT collections' and tokens' <see cref="RequestRejectedException"/>s.</summary>
public static class NftErrors
{
    /// <summary>The token is minted (or being minted) with another owner or metadata.</summary>
    public const string TokenExists = "token_exists";

    /// <summary>The collection exists with other terms.</summary>
    public const string CollectionExists = "collection_exists";

    /// <summary>Revenue cannot be shared over a collection without tokens.</summary>
    public const string NoTokens = "no_tokens";

    /// <summary>The collection holds as many unconfirmed mints as it takes; try again shortly.</summary>
    public const string CollectionBusy = "collection_busy";

    /// <summary>The wallet does not hold the token (or has applied a later change of it).</summary>
    public const string TokenNotHeld = "token_not_held";
}
