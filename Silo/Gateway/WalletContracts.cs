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
public sealed record GuardiansRequest(IReadOnlyList<string?>? Guardians, int? Threshold);

/// <summary>The body of <c>PUT /api/wallets/{address}/operators</c>.</summary>
public sealed record OperatorRequest(string? CollectionId, string? Operator, bool? Approved);

/// <summary>The body of freeze and unfreeze: a reason code (default <c>operator</c>).</summary>
public sealed record FreezeRequest(string? Reason);

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
    IReadOnlyList<PositionResponse> Positions,
    UInt256 Claimable,
    UInt256 ClaimedRewards,
    IReadOnlyList<EthereumAddress> Guardians,
    int Threshold,
    uint Weight,
    IReadOnlyList<CollectionHoldingSummary> Collections,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<SignInResponse>? SignIns)
{
    internal static WalletResponse Of(
        EthereumAddress address, WalletView view, IReadOnlyList<PositionView> positions, IReadOnlyList<SignInRecord>? signIns)
    {
        var claimable = positions.Aggregate(UInt256.Zero, (sum, p) => sum + p.Accrued);
        return new(
            address, view.Owner, view.Frozen,
            [.. view.FreezeReasons.Select(r => new FreezeReasonResponse(r.Reason, DateTimeOffset.FromUnixTimeSeconds(r.Since)))],
            [.. positions.Select(p => PositionResponse.Of(p, view.WeightBasisPoints))], claimable, view.ClaimedRewards, view.Guardians,
            view.Threshold, view.WeightBasisPoints, view.Collections,
            signIns?.Select(s => new SignInResponse(
                DateTimeOffset.FromUnixTimeSeconds(s.At), s.DeviceFingerprintHash, s.ClientAddressHash, s.Geo)).ToList());
    }
}

/// <summary>A freeze reason and since when.</summary>
public sealed record FreezeReasonResponse(string Reason, DateTimeOffset Since);

/// <summary>A sign-in: when, the peppered hashes of the device fingerprint and client address, and the country.</summary>
public sealed record SignInResponse(DateTimeOffset At, Hash32? DeviceFingerprintHash, Hash32? ClientAddressHash, string? Geo);
