using System.Globalization;
using Actors.Domain.Ethereum;
using Actors.Domain.Logins;
using Actors.Grains.Interfaces.Logins;
using Actors.Grains.Interfaces.Wallets;
using Actors.Grains.Logins;
using Actors.Providers.Logins;
using Actors.Silo.Gateway;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Actors.Silo.Logins;

/// <summary>
/// The login record routes: a wallet's chain, a record's inclusion proof and the whole export (its own session or an operator),
/// erasure (its own session), the published batches (anyone), and the operator's batch commit and key rotation.
/// </summary>
internal static class LoginEndpoints
{
    /// <summary>The most records one page of a chain holds.</summary>
    public const int MaxPage = 500;

    /// <summary>The most batches one page lists.</summary>
    public const int MaxBatchPage = 100;

    public static void MapLoginEndpoints(this IEndpointRouteBuilder app)
    {
        var wallet = app.MapGroup("/api/wallets/{address}/logins").WithTags("Login records");
        wallet.MapGet("", GetRecordsAsync).WithName("GetLogins")
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden)
            .WithSummary("The wallet's login records, oldest first from ?from= (default 1), at most ?limit= (default and most 500), and the chain's head.");
        wallet.MapGet("/{sequence}/proof", GetProofAsync).WithName("GetLoginProof")
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound)
            .WithSummary("A record's RFC 9162 inclusion proof in the first published batch holding it (404 not_batched until one does).");
        wallet.MapGet("/export", ExportAsync).WithName("ExportLogins")
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden)
            .WithSummary("The whole chain with every inclusion proof and the batches they name: the file `logins verify --file` checks.");
        wallet.MapPost("/erasure", EraseAsync).RequireOwnWallet().WithName("EraseLogins")
            .WithSummary("Replaces every record's payload by a tombstone that keeps its hashes (the chain and proofs still verify), and records the erasure.");

        var log = app.MapGroup("/api/logins").WithTags("Login records");
        log.MapGet("/batches", ListBatchesAsync).WithName("GetLoginBatches")
            .Refuses(StatusCodes.Status400BadRequest)
            .WithSummary("Published batches newest first (ids below ?before=, at most ?limit=, default and most 100), each with its consistency proof from the one before.");
        log.MapGet("/batches/{batchId}", GetBatchAsync).WithName("GetLoginBatch")
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .WithSummary("One published batch: root, tree size, records added, time, and its consistency proof from the batch before it.");
        log.MapPost("/batches", CommitAsync).RequireOperatorKey().WithName("CommitLoginBatch")
            .WithSummary("Commits the records appended since the last batch as a batch now (the batcher does so every Logins:BatchInterval).");
        log.MapPost("/keys/rotate", RotateAsync).RequireOperatorKey().WithName("RotateLoginKey")
            .WithSummary("Moves new login records to a new HMAC key version; the rotation is recorded, and older records keep verifying under theirs.");
    }

    // Its own session or an operator: the chain names when and from where the wallet signed in.
    private static async Task<(EthereumAddress? Wallet, IResult? Refused)> ReaderAsync(
        HttpRequest request, string? address, OperatorKey operatorKey, SessionTokens tokens, IGrainFactory grains)
    {
        var fields = new Fields();
        var wallet = fields.Address("address", address);
        if (fields.Failed)
        {
            return (null, fields.Problem());
        }

        if (operatorKey.Matches(request.Headers[OperatorKey.Header]))
        {
            return (wallet, null);
        }

        var (session, revoked) = await WalletSessionFilter.ReadAsync(request, tokens, grains);
        if (revoked is not null || session is null)
        {
            return (null, revoked ?? WalletSessionFilter.SessionProblem());
        }

        return session.Address == wallet
            ? (wallet, null)
            : (null, ApiProblems.Problem(StatusCodes.Status403Forbidden, WalletErrors.NotAuthorized, "Not your wallet.",
                "A session reads only its own wallet's login records."));
    }

    private static async Task<IResult> GetRecordsAsync(
        string? address, string? from, string? limit, HttpRequest request, OperatorKey operatorKey, SessionTokens tokens, IGrainFactory grains)
    {
        var (wallet, refused) = await ReaderAsync(request, address, operatorKey, tokens, grains);
        if (refused is not null)
        {
            return refused;
        }

        var fields = new Fields();
        var first = Number(fields, "from", from, 1, long.MaxValue, 1);
        var count = Number(fields, "limit", limit, 1, MaxPage, MaxPage);
        if (fields.Failed)
        {
            return fields.Problem();
        }

        var page = await grains.GetGrain<ILoginLogGrain>(WalletKeys.Of(wallet!)).GetRecords(first, (int)count);
        return TypedResults.Ok(new LoginsResponse(
            [.. page.Records.Select(LoginRecordJson.Of)], new LoginHead(page.HeadSequence, page.HeadHash.ToString())));
    }

    private static async Task<IResult> GetProofAsync(
        string? address, string? sequence, HttpRequest request, OperatorKey operatorKey, SessionTokens tokens, IGrainFactory grains,
        ILoginRecordStore store)
    {
        var (wallet, refused) = await ReaderAsync(request, address, operatorKey, tokens, grains);
        if (refused is not null)
        {
            return refused;
        }

        var fields = new Fields();
        var number = Number(fields, "sequence", sequence, 1, long.MaxValue, null);
        if (fields.Failed)
        {
            return fields.Problem();
        }

        return await LoginProofs.ProofAsync(store, WalletKeys.Of(wallet!), number) is { } proof
            ? TypedResults.Ok(proof)
            : ApiProblems.Problem(StatusCodes.Status404NotFound, "not_batched", "Not in a batch yet.",
                string.Create(CultureInfo.InvariantCulture, $"Record {number} does not exist, or no published batch holds it yet."));
    }

    private static async Task<IResult> ExportAsync(
        string? address, HttpRequest request, OperatorKey operatorKey, SessionTokens tokens, IGrainFactory grains, ILoginRecordStore store)
    {
        var (wallet, refused) = await ReaderAsync(request, address, operatorKey, tokens, grains);
        return refused ?? TypedResults.Ok(await LoginProofs.ExportAsync(store, WalletKeys.Of(wallet!)));
    }

    private static async Task<Ok<ErasureResponse>> EraseAsync(HttpContext context, IGrainFactory grains)
    {
        var session = WalletSessionFilter.Of(context);
        var log = grains.GetGrain<ILoginLogGrain>(WalletKeys.Of(session.Address));
        var erased = await log.Erase(session.SessionId);
        var head = await log.GetRecords(long.MaxValue, 1);
        return TypedResults.Ok(new ErasureResponse(erased, head.HeadSequence));
    }

    private static async Task<IResult> ListBatchesAsync(string? before, string? limit, ILoginRecordStore store)
    {
        var fields = new Fields();
        var below = Number(fields, "before", before, 2, long.MaxValue, long.MaxValue);
        var count = Number(fields, "limit", limit, 1, MaxBatchPage, MaxBatchPage);
        if (fields.Failed)
        {
            return fields.Problem();
        }

        // One more than asked: the oldest listed batch's consistency proof starts from the batch before it.
        var batches = await store.ListBatchesAsync(below, (int)count + 1);
        var published = new List<LoginBatchJson>();
        for (var i = 0; i < Math.Min(batches.Count, (int)count); i++)
        {
            var previous = i + 1 < batches.Count ? batches[i + 1] : await store.GetBatchAsync(batches[i].BatchId - 1);
            published.Add(await LoginProofs.PublishedAsync(store, batches[i], previous));
        }

        return TypedResults.Ok(new LoginBatchesResponse(published));
    }

    private static async Task<IResult> GetBatchAsync(string? batchId, ILoginRecordStore store)
    {
        var fields = new Fields();
        var id = Number(fields, "batchId", batchId, 1, long.MaxValue, null);
        if (fields.Failed)
        {
            return fields.Problem();
        }

        return await store.GetBatchAsync(id) is { } batch
            ? TypedResults.Ok(await LoginProofs.PublishedAsync(store, batch, await store.GetBatchAsync(id - 1)))
            : ApiProblems.Problem(StatusCodes.Status404NotFound, ApiProblems.NotFound, "Not found.",
                string.Create(CultureInfo.InvariantCulture, $"No batch {id} has been published."));
    }

    private static async Task<Ok<CommitResponse>> CommitAsync(IGrainFactory grains) =>
        TypedResults.Ok(new CommitResponse(await grains.GetGrain<ILoginBatcherGrain>(0).Commit()));

    private static async Task<Ok<RotationResponse>> RotateAsync(IGrainFactory grains) =>
        TypedResults.Ok(new RotationResponse(await grains.GetGrain<ILoginKeysGrain>(0).Rotate()));

    private static long Number(Fields fields, string name, string? text, long min, long max, long? absent)
    {
        if (text is null && absent is { } value)
        {
            return value;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            fields.Error(name, string.Create(CultureInfo.InvariantCulture, $"must be a whole number from {min} to {max}"));
            return 0;
        }

        return number;
    }
}

/// <summary>A page of a wallet's login records and the chain's head.</summary>
public sealed record LoginsResponse(IReadOnlyList<LoginRecordJson> Records, LoginHead Head);

/// <summary>A chain's last record: its sequence (0 for an empty chain) and hash.</summary>
public sealed record LoginHead(long Sequence, string Hash);

/// <summary>An erasure: how many records lost their payload, and the erasure record's sequence.</summary>
public sealed record ErasureResponse(int Erased, long Sequence);

/// <summary>Published batches, newest first.</summary>
public sealed record LoginBatchesResponse(IReadOnlyList<LoginBatchJson> Batches);

/// <summary>The batch a commit published; null when no record was waiting.</summary>
public sealed record CommitResponse(long? BatchId);

/// <summary>The login key's new version.</summary>
public sealed record RotationResponse(int Version);
