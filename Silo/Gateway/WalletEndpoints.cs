using Actors.Domain.Ethereum;
using Actors.Domain.Money;
using Actors.Grains.Interfaces.Nfts;
using Actors.Grains.Interfaces.Wallets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Actors.Silo.Gateway;

/// <summary>
/// <c>/api/wallets/{address}/...</c>: a wallet's own session stakes, unstakes, claims, sets guardians and operators and claims
/// dividends; anyone reads the wallet's public fields, and only its own session or an operator its sign-in history. Operators
/// freeze and unfreeze.
/// </summary>
internal static class WalletEndpoints
{
    /// <summary>The freeze reason an operator's freeze carries when none is given.</summary>
    public const string OperatorReason = "operator";

    public static void MapWalletEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/wallets/{address}").WithTags("Wallets");
        group.MapGet("", GetAsync).WithName("GetWallet")
            .Refuses(StatusCodes.Status404NotFound)
            .WithSummary("A wallet: owner, frozen, positions with what each has accrued as of now, claimable total, guardians, "
                + "threshold, holdings. Its own session or an operator also sees its recent sign-ins (hashed device and client address).");
        group.MapPost("/stake", StakeAsync).RequireOwnWallet().WithName("Stake")
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Stakes an amount in a pool (the wallet's own session).");
        group.MapPost("/unstake", UnstakeAsync).RequireOwnWallet().WithName("Unstake")
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status423Locked)
            .WithSummary("Unstakes an amount, at most what is staked; accrued rewards stay claimable (the wallet's own session).");
        group.MapPost("/claim", ClaimAsync).RequireOwnWallet().WithName("Claim")
            .Refuses(StatusCodes.Status409Conflict, StatusCodes.Status423Locked)
            .WithSummary("Pays what a position has accrued (the wallet's own session).");
        group.MapPut("/guardians", GuardiansAsync).RequireOwnWallet().WithName("PutGuardians")
            .Refuses(StatusCodes.Status423Locked)
            .WithSummary(
                "Sets the guardians who may approve a recovery and their threshold (0 or absent: ceil(n/2)). The wallet's own session.");
        group.MapPut("/operators", OperatorAsync).RequireOwnWallet().WithName("PutOperator")
            .Refuses(StatusCodes.Status423Locked)
            .WithSummary("Grants or revokes an operator for all the wallet's tokens of a collection (EIP-721 setApprovalForAll). "
                + "The wallet's own session.");
        group.MapPost("/dividends/claim", ClaimDividendsAsync).RequireOwnWallet().WithName("ClaimDividends")
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status423Locked)
            .WithSummary("Pays the NFT dividends the wallet has accrued in a collection (the wallet's own session).");
        group.MapGet("/collections/{collectionId}", HoldingsAsync).WithName("GetHoldings")
            .Refuses(StatusCodes.Status404NotFound)
            .WithSummary("The wallet's tokens in a collection and the dividends accrued on each, as of now.");
        group.MapPost("/deposits", DepositAsync).RequireOperatorKey().WithName("Deposit")
            .Refuses(StatusCodes.Status409Conflict)
            .WithSummary("Credits a deposit to the wallet's balance (operator). The reference is unique per deposit (for a chain "
                + "transfer 0x<txhash>:<logIndex>): the same reference again has no second effect, and with other content is 409.");
        group.MapPost("/withdrawals", WithdrawAsync).RequireOwnWallet().WithName("Withdraw")
            .Refuses(StatusCodes.Status409Conflict, StatusCodes.Status423Locked)
            .WithSummary("Debits an amount of an asset from the balance into a withdrawal request to an address (the wallet's own session).");
        group.MapGet("/withdrawals", WithdrawalsAsync).RequireOwnWallet().WithName("GetWithdrawals")
            .WithSummary("The wallet's withdrawal requests, oldest first (the wallet's own session).");
        group.MapPost("/freeze", FreezeAsync).RequireOperatorKey().WithName("FreezeWallet")
            .WithSummary("Freezes the wallet for a reason (operator): value and control stop moving out until every reason is lifted.");
        group.MapPost("/unfreeze", UnfreezeAsync).RequireOperatorKey().WithName("UnfreezeWallet")
            .WithSummary("Lifts one freeze reason (operator).");
    }

    // The wallet of the session the route's filter admitted: the route's {address}, checked.
    private static IWalletGrain OwnWallet(HttpContext context, IGrainFactory grains) =>
        grains.GetGrain<IWalletGrain>(WalletKeys.Of(WalletSessionFilter.Of(context).Address));

    // The wallet after a change by its own session, which sees no sign-in history in the answer.
    private static async Task<WalletResponse> OwnViewAsync(HttpContext context, IWalletGrain wallet, WalletView view) =>
        WalletResponse.Of(WalletSessionFilter.Of(context).Address, view, await wallet.GetPositionsAsOfNow(), signIns: null);

    private static async Task<Results<Ok<WalletResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string address, HttpRequest request, IGrainFactory grains, SessionTokens tokens, OperatorKey operatorKey)
    {
        var fields = new Fields();
        var wallet = fields.Address("address", address);
        if (fields.Failed)
        {
            return fields.Problem();
        }

        var asOperator = operatorKey.Matches(request.Headers[OperatorKey.Header]);
        var (session, revoked) = asOperator ? (null, null) : await WalletSessionFilter.ReadAsync(request, tokens, grains);
        if (revoked is not null)
        {
            return revoked; // a session a recovery ended reads no private history, and learns that it has ended
        }

        var grain = grains.GetGrain<IWalletGrain>(WalletKeys.Of(wallet!));
        var view = await grain.Get();
        if (!view.Exists)
        {
            return ApiProblems.Problem(
                StatusCodes.Status404NotFound, ApiProblems.NotFound, "Not found.", $"Wallet '{wallet}' has never been used.");
        }

        var positions = await grain.GetPositionsAsOfNow();
        var privateView = asOperator || session?.Address == wallet;
        return TypedResults.Ok(WalletResponse.Of(wallet!, view, positions, privateView ? await grain.GetSignIns() : null));
    }

    private static async Task<Results<Ok<PositionResponse>, ValidationProblem>> StakeAsync(
        StakeRequest body, HttpContext context, IGrainFactory grains) =>
        await ChangeStakeAsync(body, context, grains, (wallet, operationId, poolId, amount) => wallet.Stake(operationId, poolId, amount));

    private static async Task<Results<Ok<PositionResponse>, ValidationProblem>> UnstakeAsync(
        StakeRequest body, HttpContext context, IGrainFactory grains) =>
        await ChangeStakeAsync(body, context, grains, (wallet, operationId, poolId, amount) => wallet.Unstake(operationId, poolId, amount));

    private static async Task<Results<Ok<PositionResponse>, ValidationProblem>> ChangeStakeAsync(
        StakeRequest body, HttpContext context, IGrainFactory grains,
        Func<IWalletGrain, string, string, UInt256, Task<PositionView>> change)
    {
        var fields = new Fields();
        var poolId = fields.Id("poolId", body.PoolId);
        var amount = fields.BoundedAmount("amount", body.Amount);
        if (fields.Failed)
        {
            return fields.Problem();
        }

        var wallet = OwnWallet(context, grains);
        var position = await change(wallet, IdempotencyMiddleware.OperationId(context), poolId, amount);
        return TypedResults.Ok(PositionResponse.Of(position, (await wallet.Get()).WeightBasisPoints));
    }

    private static async Task<Results<Ok<ClaimResponse>, ValidationProblem>> ClaimAsync(
        PoolRequest body, HttpContext context, IGrainFactory grains, TimeProvider time)
    {
        var fields = new Fields();
        var poolId = fields.Id("poolId", body.PoolId);
        if (fields.Failed)
        {
            return fields.Problem();
        }

        var claim = await OwnWallet(context, grains).Claim(IdempotencyMiddleware.OperationId(context), poolId);
        return TypedResults.Ok(new ClaimResponse(claim.PoolId, claim.Paid, claim.ClaimedRewards, time.GetUtcNow()));
    }

    private static async Task<Results<Ok<WalletResponse>, ValidationProblem>> GuardiansAsync(
        GuardiansRequest body, HttpContext context, IGrainFactory grains)
    {
        var fields = new Fields();
        var guardians = new List<EthereumAddress>();
        if (body.Guardians is null)
        {
            fields.Error("guardians", "is required: a list of addresses (empty clears the guardians)");
        }
        else if (body.Guardians.Count > WalletLimits.MaxGuardians)
        {
            fields.Error("guardians", $"must hold at most {WalletLimits.MaxGuardians} addresses");
        }
        else
        {
            for (var i = 0; i < body.Guardians.Count; i++)
            {
                if (fields.PartyAddress($"guardians[{i}]", body.Guardians[i]) is { } guardian)
                {
                    guardians.Add(guardian);
                }
            }
        }

        if (body.Threshold is < 0 or > WalletLimits.MaxGuardians)
        {
            fields.Error("threshold", $"must be 0 (the default, ceil(n/2)) to {WalletLimits.MaxGuardians}");
        }

        if (fields.Failed)
        {
            return fields.Problem();
        }

        var wallet = OwnWallet(context, grains);
        var view = await wallet.SetGuardians(IdempotencyMiddleware.OperationId(context), guardians, body.Threshold ?? 0);
        return TypedResults.Ok(await OwnViewAsync(context, wallet, view));
    }

    private static async Task<Results<Ok<WalletResponse>, ValidationProblem>> OperatorAsync(
        OperatorRequest body, HttpContext context, IGrainFactory grains)
    {
        var fields = new Fields();
        var collectionId = fields.Id("collectionId", body.CollectionId, NftKeys.MaxCollectionIdLength);
        var operatorAddress = fields.PartyAddress("operator", body.Operator);
        var approved = fields.Required("approved", body.Approved);
        if (fields.Failed)
        {
            return fields.Problem();
        }

        var wallet = OwnWallet(context, grains);
        var view = await wallet.SetOperator(IdempotencyMiddleware.OperationId(context), collectionId, operatorAddress!, approved);
        return TypedResults.Ok(await OwnViewAsync(context, wallet, view));
    }

    private static async Task<Results<Ok<DividendClaimResponse>, ValidationProblem>> ClaimDividendsAsync(
        CollectionRequest body, HttpContext context, IGrainFactory grains)
    {
        var fields = new Fields();
        var collectionId = fields.Id("collectionId", body.CollectionId, NftKeys.MaxCollectionIdLength);
        if (fields.Failed)
        {
            return fields.Problem();
        }

        var claim = await OwnWallet(context, grains).ClaimDividends(IdempotencyMiddleware.OperationId(context), collectionId);
        return TypedResults.Ok(new DividendClaimResponse(claim.CollectionId, claim.Paid, claim.ClaimedDividends));
    }

    private static async Task<Results<Ok<HoldingsView>, ValidationProblem>> HoldingsAsync(
        string address, string collectionId, IGrainFactory grains)
    {
        var fields = new Fields();
        var wallet = fields.Address("address", address);
        fields.Id("collectionId", collectionId, NftKeys.MaxCollectionIdLength);
        if (fields.Failed)
        {
            return fields.Problem();
        }

        return TypedResults.Ok(await grains.GetGrain<IWalletGrain>(WalletKeys.Of(wallet!)).GetHoldings(collectionId));
    }

    private static async Task<Results<Ok<DepositResponse>, ValidationProblem>> DepositAsync(
        string address, DepositRequest body, IGrainFactory grains)
    {
        var fields = new Fields();
        var wallet = fields.Address("address", address);
        var asset = fields.Asset("asset", body.Asset);
        var amount = fields.BoundedAmount("amount", body.Amount);
        if (!DepositReferences.IsValid(body.Reference))
        {
            fields.Error("reference", $"must be 1 to {DepositReferences.MaxLength} printable ASCII characters without spaces, such as 0x<txhash>:<logIndex>");
        }

        if (fields.Failed)
        {
            return fields.Problem();
        }

        var view = await grains.GetGrain<IDepositGrain>(body.Reference!).Credit(WalletKeys.Of(wallet!), asset, amount);
        return TypedResults.Ok(new DepositResponse(wallet!, body.Reference!, asset, amount, WalletResponse.BalancesOf(view)));
    }

    private static async Task<Results<Ok<WithdrawalResponse>, ValidationProblem>> WithdrawAsync(
        WithdrawalRequest body, HttpContext context, IGrainFactory grains)
    {
        var fields = new Fields();
        var asset = fields.Asset("asset", body.Asset);
        var amount = fields.BoundedAmount("amount", body.Amount);
        var to = fields.PartyAddress("to", body.To);

        if (fields.Failed)
        {
            return fields.Problem();
        }

        var withdrawal = await OwnWallet(context, grains).Withdraw(IdempotencyMiddleware.OperationId(context), asset, amount, to!);
        return TypedResults.Ok(WithdrawalResponse.Of(withdrawal));
    }

    private static async Task<Ok<IReadOnlyList<WithdrawalResponse>>> WithdrawalsAsync(HttpContext context, IGrainFactory grains) =>
        TypedResults.Ok<IReadOnlyList<WithdrawalResponse>>([.. (await OwnWallet(context, grains).GetWithdrawals()).Select(WithdrawalResponse.Of)]);

    private static Task<Results<Ok<WalletResponse>, ValidationProblem>> FreezeAsync(
        string address, FreezeRequest? body, HttpContext context, IGrainFactory grains) =>
        FreezeOrUnfreezeAsync(address, body, context, grains, (wallet, operationId, reason) => wallet.Freeze(operationId, reason));

    private static Task<Results<Ok<WalletResponse>, ValidationProblem>> UnfreezeAsync(
        string address, FreezeRequest? body, HttpContext context, IGrainFactory grains) =>
        FreezeOrUnfreezeAsync(address, body, context, grains, (wallet, operationId, reason) => wallet.Unfreeze(operationId, reason));

    private static async Task<Results<Ok<WalletResponse>, ValidationProblem>> FreezeOrUnfreezeAsync(
        string address, FreezeRequest? body, HttpContext context, IGrainFactory grains,
        Func<IWalletGrain, string, string, Task<WalletView>> change)
    {
        var fields = new Fields();
        var wallet = fields.Address("address", address);
        var reason = fields.Id("reason", body?.Reason ?? OperatorReason, WalletLimits.MaxReasonLength);
        if (reason == WalletErrors.RecoveryLock)
        {
            fields.Error("reason", $"'{WalletErrors.RecoveryLock}' is held by recoveries only");
        }

        if (fields.Failed)
        {
            return fields.Problem();
        }

        var grain = grains.GetGrain<IWalletGrain>(WalletKeys.Of(wallet!));
        var view = await change(grain, IdempotencyMiddleware.OperationId(context), reason);
        return TypedResults.Ok(WalletResponse.Of(wallet!, view, await grain.GetPositionsAsOfNow(), await grain.GetSignIns()));
    }
}
