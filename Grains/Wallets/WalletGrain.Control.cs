using System.Globalization;
using Actors.Grains.Interfaces.Operations;
using Actors.Domain.Ethereum;
using Actors.Grains.Interfaces.Wallets;
using Actors.Grains.Interfaces;
using Actors.Grains.Telemetry;

namespace Actors.Grains.Wallets;

// Who controls the wallet: owner, guardians, freeze reasons, the signed-request nonce and the rate limit.
public sealed partial class WalletGrain
{
    // Parsed when needed rather than held: a million active wallets each save the object.
    private EthereumAddress Address => ParseKey(GrainKey);

    private IOperationsDirectoryGrain Directory => GrainFactory.GetGrain<IOperationsDirectoryGrain>(IOperationsDirectoryGrain.Key);

    // A temporary freeze (a login anomaly's) holds until its time; it is dropped from the list at the next change.
    private bool IsFrozen => state.State.FreezeReasons?.Exists(Holds) == true;

    private bool Holds(FreezeReason reason) => reason.Until is not { } until || until > Now;

    private long Now => time.GetUtcNow().ToUnixTimeSeconds();

    private EthereumAddress Owner => state.State.Owner ?? Address;

    /// <inheritdoc />
    public async Task<WalletView> SetGuardians(string operationId, IReadOnlyList<EthereumAddress> guardians, int threshold)
    {
        OperationIds.Validate(operationId);
        ArgumentNullException.ThrowIfNull(guardians);
        var request = string.Join(',', guardians.Select(g => g?.ToLowerHex())) + "/" + threshold.ToString(CultureInfo.InvariantCulture);
        if (Repeat<WalletView>(operationId, "guardians", "", request) is { } done)
        {
            return done;
        }

        var effective = CheckGuardians(guardians, threshold);
        Admit("changing guardians", blockedByFreeze: true, stepUp: true);
        state.State.Guardians = guardians.Count > 0 ? [.. guardians] : null;
        state.State.Threshold = effective;
        return await RememberAsync(operationId, "guardians", "", request, Snapshot());
    }

    /// <inheritdoc />
    public async Task<WalletView> Freeze(string operationId, string reason)
    {
        OperationIds.Validate(operationId);
        CheckReason(reason);
        if (Repeat<WalletView>(operationId, "freeze", reason, "") is { } done)
        {
            return done;
        }

        var added = AddFreezeReason(reason);
        await Directory.Add(DirectoryList.FrozenWallets, GrainKey); // listed before it is stored as frozen: never frozen and unlisted
        var view = await RememberAsync(operationId, "freeze", reason, "", Snapshot());
        if (added)
        {
            ActorsMetrics.FreezeChanged(frozen: true);
            WalletLog.Frozen(logger, GrainKey, reason);
        }

        return view;
    }

    /// <inheritdoc />
    public async Task<WalletView> Unfreeze(string operationId, string reason)
    {
        OperationIds.Validate(operationId);
        CheckReason(reason);
        if (Repeat<WalletView>(operationId, "unfreeze", reason, "") is { } done)
        {
            return done;
        }

        var lifted = RemoveFreezeReason(reason);
        var view = await RememberAsync(operationId, "unfreeze", reason, "", Snapshot());
        if (lifted)
        {
            ActorsMetrics.FreezeChanged(frozen: false);
            WalletLog.Unfrozen(logger, GrainKey, reason, IsFrozen);
        }

        if (!IsFrozen)
        {
            await Directory.Remove(DirectoryList.FrozenWallets, GrainKey);
        }

        return view;
    }

    /// <inheritdoc />
    public async Task<ulong> UseNonce(ulong nonce)
    {
        if (nonce != state.State.Nonce)
        {
            throw new RequestRejectedException(WalletErrors.StaleNonce, $"Nonce {nonce} is not wallet '{GrainKey}''s current one.");
        }

        state.State.Nonce = checked(nonce + 1);
        await WriteAsync();
        return state.State.Nonce;
    }

    /// <inheritdoc />
    public async Task UseSignInNonce(string nonce, DateTimeOffset expiresAt)
    {
        if (string.IsNullOrEmpty(nonce) || nonce.Length > WalletLimits.MaxSignInNonceLength || !nonce.All(char.IsAsciiLetterOrDigit))
        {
            throw RequestRejectedException.Invalid(nameof(nonce), $"A sign-in nonce is 1 to {WalletLimits.MaxSignInNonceLength} letters or digits.");
        }

        var now = Now;
        var until = expiresAt.ToUnixTimeSeconds();
        var used = state.State.UsedSignInNonces ??= new(StringComparer.Ordinal);
        if (until <= now || used.ContainsKey(nonce))
        {
            throw new RequestRejectedException(WalletErrors.StaleNonce, $"The sign-in nonce was used before by wallet '{GrainKey}', or has expired.");
        }

        foreach (var expired in used.Where(u => u.Value <= now).Select(u => u.Key).ToList())
        {
            used.Remove(expired);
        }

        if (used.Count >= WalletLimits.RememberedSignInNonces)
        {
            throw new RequestRejectedException(WalletErrors.RateLimited,
                $"Wallet '{GrainKey}' has signed in {used.Count} times in the last {WalletLimits.SignInNonceLifetime.TotalMinutes} minutes.");
        }

        used[nonce] = until;
        await WriteAsync();
    }

    // Returns whether the reason is new (and so the state changed).
    private bool AddFreezeReason(string reason)
    {
        var reasons = state.State.FreezeReasons ??= [];
        reasons.RemoveAll(r => !Holds(r));
        if (reasons.Exists(r => r.Reason == reason))
        {
            return false;
        }

        reasons.Add(new FreezeReason(reason, Now));
        return true;
    }

    // An empty list goes back to null: most wallets are never frozen. Returns whether the reason was there.
    private bool RemoveFreezeReason(string reason)
    {
        var removed = state.State.FreezeReasons?.RemoveAll(r => r.Reason == reason) > 0;
        if (!IsFrozen)
        {
            state.State.FreezeReasons = null;
        }

        return removed;
    }

    private static EthereumAddress ParseKey(string key)
    {
        if (!EthereumAddress.TryParse(key, out var address, out var error) || address.ToLowerHex() != key)
        {
            throw RequestRejectedException.Invalid(
                nameof(key), $"A wallet's key is its address as 0x and 40 lowercase hex digits; '{key}' is not ({error ?? "not lowercase"}).");
        }

        return address;
    }

    // Refuses a sensitive operation while the wallet is frozen (when a freeze stops it) or over its rate limit.
    private void Admit(string action, bool blockedByFreeze, bool stepUp = false)
    {
        if (blockedByFreeze && IsFrozen)
        {
            throw new RequestRejectedException(WalletErrors.Frozen,
                $"Wallet '{GrainKey}' is frozen ({string.Join(", ", state.State.FreezeReasons!.Where(Holds).Select(r => r.Reason))}); {action} is refused.");
        }

        if (stepUp && state.State.StepUp is { } asked)
        {
            throw new RequestRejectedException(WalletErrors.StepUpRequired,
                $"Wallet '{GrainKey}' asks for a fresh signature ({asked.Rule}); sign a step-up message before {action}.");
        }

        var perMinute = options.Value.SensitiveOperationsPerMinute;
        if (!_limiter.TryTake(perMinute, time.GetUtcNow()))
        {
            throw new RequestRejectedException(WalletErrors.RateLimited,
                $"Wallet '{GrainKey}' is over its limit of {perMinute} sensitive operations a minute; {action} is refused.");
        }
    }

    // Returns the threshold to store.
    private int CheckGuardians(IReadOnlyList<EthereumAddress> guardians, int threshold)
    {
        if (guardians.Count > WalletLimits.MaxGuardians)
        {
            throw RequestRejectedException.Invalid(nameof(guardians), $"A wallet has at most {WalletLimits.MaxGuardians} guardians.");
        }

        if (guardians.Any(g => g is null))
        {
            throw RequestRejectedException.Invalid(nameof(guardians), "A guardian must not be null.");
        }

        if (guardians.Distinct().Count() != guardians.Count)
        {
            throw RequestRejectedException.Invalid(nameof(guardians), "Guardians must be distinct.");
        }

        if (guardians.Any(g => g == Address || g == Owner))
        {
            throw RequestRejectedException.Invalid(nameof(guardians), "A wallet cannot guard itself: neither its address nor its owner may be a guardian.");
        }

        if (threshold < 0 || threshold > guardians.Count)
        {
            throw RequestRejectedException.Invalid(nameof(threshold), $"The threshold is 1 to the number of guardians ({guardians.Count}), or 0 for the default.");
        }

        return threshold == 0 ? (guardians.Count + 1) / 2 : threshold;
    }

    private static void CheckReason(string reason)
    {
        if (string.IsNullOrEmpty(reason) || reason.Length > WalletLimits.MaxReasonLength
            || !reason.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-'))
        {
            throw RequestRejectedException.Invalid(nameof(reason), $"A freeze reason is a code of 1 to {WalletLimits.MaxReasonLength} lowercase letters, digits, '_' or '-'.");
        }
    }
}
