using Actors.Domain.Ethereum;
using Actors.Domain.Money;
using Actors.Grains.Interfaces.Nfts;
using Actors.Grains.Interfaces.Wallets;

namespace Actors.Silo.Gateway;

/// <summary>The body of stake and unstake.</summary>
/// <param name="PoolId">The pool.</param>
/// <param name="Amount">Base units, a decimal string.</param>
public sealed record StakeRequest(string? PoolId, string? Amount);

/// <summary>A body naming a pool.</summary>
public sealed record PoolRequest(string? PoolId);

/// <summary>A body naming an NFT collection.</summary>
public sealed record CollectionRequest(string? CollectionId);

/// <summary>The body of <c>PUT /api/wallets/{address}/guardians</c>.</summary>
/// <param name="Guardians">The guardians' addresses, at most 16; empty clears them.</param>
/// <param name="Threshold">Approvals a recovery needs; 0 or absent means ceil(n/2).</param>
public sealed record GuardiansRequest(IReadOnlyList<string?>? Guardians, int? Threshold = null);

/// <summary>The body of <c>PUT /api/wallets/{address}/operators</c>.</summary>
public sealed record OperatorRequest(string? CollectionId, string? Operator, bool? Approved);

/// <summary>The body of freeze and unfreeze: a reason code (default <c>operator</c>).</summary>
public sealed record FreezeRequest(string? Reason = null);

/// <summary>The body of <c>POST /api/wallets/{address}/deposits</c>.</summary>
/// <param name="Asset">The asset code, such as STAKE.</param>
/// <param name="Amount">Base units, a decimal string.</param>
/// <param name="Reference">The deposit's unique external reference, such as 0x&lt;txhash&gt;:&lt;logIndex&gt;.</param>
public sealed record DepositRequest(string? Asset, string? Amount, string? Reference);

/// <summary>A deposit credited (or found credited already) and the wallet's balances after it.</summary>
public sealed record DepositResponse(EthereumAddress Address, string Reference, string Asset, UInt256 Amount, IReadOnlyDictionary<string, UInt256> Balances);

/// <summary>The body of <c>POST /api/wallets/{address}/withdrawals</c>.</summary>
/// <param name="Asset">The asset code.</param>
/// <param name="Amount">Base units, a decimal string.</param>
/// <param name="To">The address to pay.</param>
public sealed record WithdrawalRequest(string? Asset, string? Amount, string? To);

/// <summary>A withdrawal request: its id and status, what it debited, where it goes, and when it was requested.</summary>
public sealed record WithdrawalResponse(string WithdrawalId, string Status, string Asset, UInt256 Amount, EthereumAddress To, DateTimeOffset RequestedAt)
{
    internal static WithdrawalResponse Of(WithdrawalView view) =>
        new(view.WithdrawalId, view.Status, view.Asset, view.Amount, view.To, DateTimeOffset.FromUnixTimeSeconds(view.RequestedAt));
}

/// <summary>
/// A position: staked amount, effective shares (staked x weight), the wallet's weight in basis points, and what it has accrued.
/// </summary>
public sealed record PositionResponse(string PoolId, UInt256 Staked, UInt256 Shares, uint Weight, UInt256 Pending)
{
    internal static PositionResponse Of(PositionView position, uint weight) =>
        new(position.PoolId, position.Staked, position.Shares, weight, position.Accrued);
}

/// <summary>A pool reward claim: what was paid, the wallet's claimed total after it, and when.</summary>
public sealed record ClaimResponse(string PoolId, UInt256 Amount, UInt256 ClaimedRewards, DateTimeOffset AsOf);

/// <summary>A dividend claim: what was paid and the wallet's claimed total in the collection after it.</summary>
public sealed record DividendClaimResponse(string CollectionId, UInt256 Amount, UInt256 ClaimedDividends);

/// <summary>
/// A wallet as the REST API shows it. <paramref name="SignIns"/> (hashed device and client address, country) is private: present
/// only for the wallet's own session and operators.
/// </summary>
public sealed record WalletResponse(
    EthereumAddress Address,
    EthereumAddress Owner,
    bool Frozen,
    IReadOnlyList<FreezeReasonResponse> FreezeReasons,
    IReadOnlyDictionary<string, UInt256> Balances,
    IReadOnlyList<PositionResponse> Positions,
    UInt256 Claimable,
    UInt256 ClaimedRewards,
    IReadOnlyList<EthereumAddress> Guardians,
    int Threshold,
    uint Weight,
    IReadOnlyList<CollectionHoldingSummary> Collections,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<SignInResponse>? SignIns,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    StepUpResponse? StepUp = null)
{
    /// <summary>The wallet's balances as the API shows them: asset code to amount, in asset order.</summary>
    internal static IReadOnlyDictionary<string, UInt256> BalancesOf(WalletView view) =>
        new SortedDictionary<string, UInt256>(view.Balances.ToDictionary(b => b.Asset, b => b.Amount), StringComparer.Ordinal);

    internal static WalletResponse Of(
        EthereumAddress address, WalletView view, IReadOnlyList<PositionView> positions, IReadOnlyList<SignInRecord>? signIns)
    {
        var claimable = positions.Aggregate(UInt256.Zero, (sum, p) => sum + p.Accrued);
        return new(
            address, view.Owner, view.Frozen,
            [.. view.FreezeReasons.Select(r => new FreezeReasonResponse(
                r.Reason, DateTimeOffset.FromUnixTimeSeconds(r.Since), r.Until is { } until ? DateTimeOffset.FromUnixTimeSeconds(until) : null, r.Detail))],
            BalancesOf(view),
            [.. positions.Select(p => PositionResponse.Of(p, view.WeightBasisPoints))], claimable, view.ClaimedRewards, view.Guardians,
            view.Threshold, view.WeightBasisPoints, view.Collections,
            signIns?.Select(s => new SignInResponse(
                DateTimeOffset.FromUnixTimeSeconds(s.At), s.DeviceFingerprintHash, s.ClientAddressHash, s.Geo)).ToList(),
            view.StepUp is { } stepUp ? new StepUpResponse(stepUp.Rule, DateTimeOffset.FromUnixTimeSeconds(stepUp.Since)) : null);
    }
}

/// <summary>A freeze reason, since when, until when for a temporary freeze (a login anomaly's), and the rule that raised it.</summary>
public sealed record FreezeReasonResponse(
    string Reason,
    DateTimeOffset Since,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    DateTimeOffset? Until = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    string? Detail = null);

/// <summary>A step-up the wallet asks for: the login anomaly rule that asked, and since when. POST /api/auth/step-up gives it.</summary>
public sealed record StepUpResponse(string Rule, DateTimeOffset Since);

/// <summary>A sign-in: when, the peppered hashes of the device fingerprint and client address, and the country.</summary>
public sealed record SignInResponse(DateTimeOffset At, Hash32? DeviceFingerprintHash, Hash32? ClientAddressHash, string? Geo);
