using Actors.Domain.Ethereum;
using Actors.Domain.Money;
using Actors.Grains.Interfaces.Nfts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Actors.Silo.Gateway;

/// <summary>
/// <c>/api/collections/...</c>: operators create collections, mint tokens and deposit revenue (split over every token in O(1));
/// anyone reads; a wallet's session transfers and approves, and the token admits it only as the owner, the approved address or
/// one of the owner's operators.
/// </summary>
internal static class NftEndpoints
{
    public static void MapNftEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/collections/{collectionId}").WithTags("NFTs");
        group.MapPut("", PutCollectionAsync).RequireOperatorKey().WithName("PutCollection")
            .Refuses(StatusCodes.Status409Conflict)
            .WithSummary("Creates a collection (operator). Repeating it with the same name returns it; another name is 409.");
        group.MapGet("", GetCollectionAsync).WithName("GetCollection")
            .Refuses(StatusCodes.Status404NotFound)
            .WithSummary("A collection: supply, dividend index per token, revenue deposited and dust.");
        group.MapPost("/tokens", MintAsync).RequireOperatorKey().WithName("Mint")
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Mints a token to an owner (operator). Repeating it with the same owner and metadata returns the token.");
        group.MapPost("/revenue", RevenueAsync).RequireOperatorKey().WithName("DepositRevenue")
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Deposits revenue, shared equally over the tokens minted so far in O(1) (operator).");
        group.MapGet("/tokens/{tokenId}", GetTokenAsync).WithName("GetToken")
            .Refuses(StatusCodes.Status404NotFound)
            .WithSummary("A token: owner, approved address, the dividend its owner has accrued on it, metadata hash and provenance.");
        group.MapPost("/tokens/{tokenId}/transfer", TransferAsync).RequireWalletSession().WithName("Transfer")
            .Refuses(
                StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status423Locked)
            .WithSummary("Transfers a token; the session's wallet must be its owner, its approved address or an operator of its owner.");
        group.MapPost("/tokens/{tokenId}/approve", ApproveAsync).RequireWalletSession().WithName("Approve")
            .Refuses(
                StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status423Locked)
            .WithSummary("Sets (or, with null, clears) the token's approved address; the session's wallet must be its owner or an "
                + "operator of its owner.");
    }

    private static async Task<Results<Ok<CollectionInfo>, ValidationProblem>> PutCollectionAsync(
        string collectionId, CollectionTermsRequest body, IGrainFactory grains)
    {
        var fields = new Fields();
        fields.Id("collectionId", collectionId, NftKeys.MaxCollectionIdLength);
        if (!NftKeys.IsCollectionName(body.Name))
        {
            fields.Error("name", $"must be 1 to {NftKeys.MaxCollectionNameLength} visible characters: no control, bidirectional, zero-width or other "
                + "invisible characters");
        }

        if (fields.Failed)
        {
            return fields.Problem();
        }

        return TypedResults.Ok(await grains.GetGrain<INftCollectionGrain>(collectionId).Create(new CollectionTerms(body.Name!)));
    }

    private static async Task<Results<Ok<CollectionInfo>, ValidationProblem, ProblemHttpResult>> GetCollectionAsync(
        string collectionId, IGrainFactory grains)
    {
        var fields = new Fields();
        fields.Id("collectionId", collectionId, NftKeys.MaxCollectionIdLength);
        if (fields.Failed)
        {
            return fields.Problem();
        }

        var info = await grains.GetGrain<INftCollectionGrain>(collectionId).GetInfo();
        return info.Exists ? TypedResults.Ok(info) : NotFound($"Collection '{collectionId}' does not exist.");
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> MintAsync(
        string collectionId, MintRequest body, HttpContext context, IGrainFactory grains)
    {
        var fields = new Fields();
        fields.Id("collectionId", collectionId, NftKeys.MaxCollectionIdLength);
        var tokenId = TokenId(fields, "tokenId", body.TokenId);
        var owner = fields.PartyAddress("owner", body.Owner);
        var metadataHash = fields.Hash("metadataHash", body.MetadataHash);
        if (fields.Failed)
        {
            return fields.Problem();
        }

        if (!(await grains.GetGrain<INftCollectionGrain>(collectionId).GetInfo()).Exists)
        {
            return NotFound($"Collection '{collectionId}' does not exist: create it first.");
        }

        var token = await Token(grains, collectionId, tokenId).Mint(IdempotencyMiddleware.OperationId(context), owner!, metadataHash!);
        return TypedResults.Ok(TokenResponse.Of(token));
    }

    private static async Task<Results<Ok<CollectionInfo>, ValidationProblem>> RevenueAsync(
        string collectionId, AmountRequest body, HttpContext context, IGrainFactory grains)
    {
        var fields = new Fields();
        fields.Id("collectionId", collectionId, NftKeys.MaxCollectionIdLength);
        var amount = fields.Amount("amount", body.Amount);
        if (fields.Failed)
        {
            return fields.Problem();
        }

        var collection = grains.GetGrain<INftCollectionGrain>(collectionId);
        return TypedResults.Ok(await collection.Deposit(IdempotencyMiddleware.OperationId(context), amount));
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> GetTokenAsync(
        string collectionId, string tokenId, IGrainFactory grains)
    {
        var fields = new Fields();
        fields.Id("collectionId", collectionId, NftKeys.MaxCollectionIdLength);
        TokenId(fields, "tokenId", tokenId);
        if (fields.Failed)
        {
            return fields.Problem();
        }

        var token = await Token(grains, collectionId, tokenId).Get();
        return token.Exists
            ? TypedResults.Ok(TokenResponse.Of(token))
            : NotFound($"Token {tokenId} of collection '{collectionId}' does not exist.");
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem>> TransferAsync(
        string collectionId, string tokenId, TransferRequest body, HttpContext context, IGrainFactory grains)
    {
        var fields = new Fields();
        fields.Id("collectionId", collectionId, NftKeys.MaxCollectionIdLength);
        TokenId(fields, "tokenId", tokenId);
        var to = fields.PartyAddress("to", body.To);
        if (fields.Failed)
        {
            return fields.Problem();
        }

        var caller = WalletSessionFilter.Of(context).Address;
        var token = Token(grains, collectionId, tokenId);
        return TypedResults.Ok(TokenResponse.Of(await token.Transfer(IdempotencyMiddleware.OperationId(context), caller, to!)));
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem>> ApproveAsync(
        string collectionId, string tokenId, ApproveRequest body, HttpContext context, IGrainFactory grains)
    {
        var fields = new Fields();
        fields.Id("collectionId", collectionId, NftKeys.MaxCollectionIdLength);
        TokenId(fields, "tokenId", tokenId);
        var approved = body.Approved is null ? null : fields.PartyAddress("approved", body.Approved);
        if (fields.Failed)
        {
            return fields.Problem();
        }

        var caller = WalletSessionFilter.Of(context).Address;
        var token = Token(grains, collectionId, tokenId);
        return TypedResults.Ok(TokenResponse.Of(await token.Approve(IdempotencyMiddleware.OperationId(context), caller, approved)));
    }

    private static INftTokenGrain Token(IGrainFactory grains, string collectionId, string tokenId) =>
        grains.GetGrain<INftTokenGrain>(NftKeys.Token(collectionId, tokenId));

    private static string TokenId(Fields fields, string field, string? text)
    {
        if (text is not null && NftKeys.IsTokenId(text))
        {
            return text;
        }

        fields.Error(field, "must be a non-negative integer below 2^256 in decimal, without leading zeros");
        return "";
    }

    private static ProblemHttpResult NotFound(string detail) =>
        ApiProblems.Problem(StatusCodes.Status404NotFound, ApiProblems.NotFound, "Not found.", detail);
}

/// <summary>The body of <c>PUT /api/collections/{collectionId}</c>.</summary>
/// <param name="Name">A display name, 1 to 100 characters.</param>
public sealed record CollectionTermsRequest(string? Name);

/// <summary>The body of a mint.</summary>
/// <param name="TokenId">The token's id: a non-negative integer below 2^256 in decimal.</param>
/// <param name="Owner">The owning wallet's address.</param>
/// <param name="MetadataHash">The hash of the token's metadata: 0x and 64 hex digits.</param>
public sealed record MintRequest(string? TokenId, string? Owner, string? MetadataHash);

/// <summary>The body of a transfer.</summary>
public sealed record TransferRequest(string? To);

/// <summary>The body of an approval; null or absent clears the approved address (the zero address is refused: send null).</summary>
public sealed record ApproveRequest(string? Approved = null);

/// <summary>A token as the REST API shows it.</summary>
/// <param name="CollectionId">The collection.</param>
/// <param name="TokenId">The token's id.</param>
/// <param name="Owner">The owning wallet.</param>
/// <param name="Approved">The single approved address, if any.</param>
/// <param name="PendingDividend">Whole base units accrued on the token and not yet claimed by its owner.</param>
/// <param name="MetadataHash">The hash of the token's metadata.</param>
/// <param name="Sequence">Ownership changes so far (the mint is 1).</param>
/// <param name="Provenance">Every ownership change, oldest first.</param>
public sealed record TokenResponse(
    string CollectionId, string TokenId, EthereumAddress? Owner, EthereumAddress? Approved, UInt256 PendingDividend, Hash32? MetadataHash,
    long Sequence, IReadOnlyList<ProvenanceEntry> Provenance)
{
    internal static TokenResponse Of(TokenView token) =>
        new(token.CollectionId, token.TokenId, token.Owner, token.Approved, token.PendingDividend, token.MetadataHash, token.Sequence,
            token.Provenance);
}
