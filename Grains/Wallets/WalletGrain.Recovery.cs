using Actors.Domain.Ethereum;
using Actors.Grains.Interfaces;
using Actors.Grains.Interfaces.Wallets;
using Actors.Grains.Interfaces.Logins;
using Actors.Grains.Interfaces.Operations;
using Actors.Grains.Telemetry;

namespace Actors.Grains.Wallets;

// The wallet's side of a recovery: sign-in history for risk scoring, one recovery at a time, the lock during the timelock,
// and the owner rotation. Recovery requests call these; the wallet never calls them back.
public sealed partial class WalletGrain
{

    /// <summary>Sign-ins (devices and countries) the wallet remembers for risk scoring.</summary>
    public const int RememberedSignIns = 16;

    /// <summary>How far back recovery attempts count as recent.</summary>
    public static readonly TimeSpan RecentAttemptWindow = TimeSpan.FromDays(30);

    /// <inheritdoc />
    public async Task<SignInNovelty> RecordLogin(Hash32? deviceFingerprintHash, Hash32? clientAddressHash, string? geo)
    {
        if (geo is not null)
        {
            CheckGeo(geo);
        }

        var hadHistory = state.State.SignIns is { Count: > 0 };
        var novelty = new SignInNovelty(
            hadHistory && deviceFingerprintHash is not null && state.State.KnownDevices?.Contains(deviceFingerprintHash) != true,
            hadHistory && geo is not null && state.State.RecentGeos?.Contains(geo) != true);

        if (deviceFingerprintHash is not null)
        {
            Remember(state.State.KnownDevices ??= [], deviceFingerprintHash);
        }

        if (geo is not null)
        {
            Remember(state.State.RecentGeos ??= [], geo);
        }

        Remember(state.State.SignIns ??= [], new SignInRecord(Now, deviceFingerprintHash, clientAddressHash, geo));
        await WriteAsync();
        return novelty;
    }

    /// <inheritdoc />
    public async Task RequireStepUp(string rule)
    {
        ArgumentException.ThrowIfNullOrEmpty(rule);
        state.State.StepUp = new StepUp(rule, Now);
        await WriteAsync();
        WalletLog.StepUpAsked(logger, GrainKey, rule);
    }

    /// <inheritdoc />
    public async Task CompleteStepUp()
    {
        if (state.State.StepUp is not null)
        {
            state.State.StepUp = null;
            await WriteAsync();
        }
    }

    /// <inheritdoc />
    public async Task FreezeForAnomaly(string rule, long until)
    {
        ArgumentException.ThrowIfNullOrEmpty(rule);
        var reasons = state.State.FreezeReasons ??= [];
        reasons.RemoveAll(r => !Holds(r) || r.Reason == LoginOutcomes.AnomalyFreezeReason);
        reasons.Add(new FreezeReason(LoginOutcomes.AnomalyFreezeReason, Now, until, rule));
        await Directory.Add(DirectoryList.FrozenWallets, GrainKey);
        await WriteAsync();
        ActorsMetrics.FreezeChanged(frozen: true);
        WalletLog.Frozen(logger, GrainKey, LoginOutcomes.AnomalyFreezeReason);
    }

    /// <inheritdoc />
    public async Task ForgetLoginHistory()
    {
        state.State.SignIns = null;
        state.State.KnownDevices = null;
        state.State.RecentGeos = null;
        await WriteAsync();
    }

    /// <inheritdoc />
    public async Task EndSession(string sessionId, long expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        var ended = state.State.EndedSessions ??= new(StringComparer.Ordinal);
        foreach (var expired in ended.Where(e => e.Value <= Now).Select(e => e.Key).ToList())
        {
            ended.Remove(expired);
        }

        if (ended.Count >= MaxEndedSessions)
        {
            throw new RequestRejectedException(WalletErrors.RateLimited, $"Wallet '{GrainKey}' has ended {MaxEndedSessions} sessions that have not expired yet.");
        }

        ended[sessionId] = expiresAt;
        await WriteAsync();
    }

    /// <summary>The most sessions a wallet remembers as ended before their expiry.</summary>
    public const int MaxEndedSessions = 256;

    /// <inheritdoc />
    public Task<SessionStatus> GetSession(string sessionId) => Task.FromResult(new SessionStatus(
        state.State.RecoveryNonce, state.State.EndedSessions?.TryGetValue(sessionId, out var until) == true && until > Now));

    /// <inheritdoc />
    public Task<IReadOnlyList<SignInRecord>> GetSignIns() => Task.FromResult<IReadOnlyList<SignInRecord>>([.. state.State.SignIns ?? []]);

    /// <summary>The most open recovery requests a wallet tracks; beyond it the one expiring first stops counting for escrow.</summary>
    public const int MaxOpenRecoveries = 64;

    /// <inheritdoc />
    public async Task<RecoveryTerms> OpenRecovery(string requestId, long expiresAt, Hash32? deviceFingerprintHash, string? geo)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        if (geo is not null)
        {
            CheckGeo(geo);
        }

        PruneRecoveries();
        if (state.State.ActiveRecovery is { } active && active != requestId)
        {
            throw new RequestRejectedException(WalletErrors.RecoveryPending, $"Recovery '{active}' of wallet '{GrainKey}' is under way.");
        }

        if (state.State.Guardians is not { Count: > 0 })
        {
            throw new RequestRejectedException(WalletErrors.NoGuardians, $"Wallet '{GrainKey}' has no guardians, so it cannot be recovered by them.");
        }

        var open = state.State.OpenRecoveries ??= new(StringComparer.Ordinal);
        if (!open.ContainsKey(requestId))
        {
            if (open.Count >= MaxOpenRecoveries)
            {
                open.Remove(open.MinBy(r => r.Value).Key);
            }

            open[requestId] = expiresAt;
            await WriteAsync();
        }

        return Terms(deviceFingerprintHash, geo);
    }

    /// <inheritdoc />
    public async Task<RecoveryTerms> BeginRecovery(string requestId)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        PruneRecoveries();
        if (state.State.ActiveRecovery is { } active)
        {
            return active == requestId
                ? Terms(null, null)
                : throw new RequestRejectedException(WalletErrors.RecoveryPending, $"Recovery '{active}' of wallet '{GrainKey}' is under way.");
        }

        if (state.State.OpenRecoveries?.GetValueOrDefault(requestId) is not { } expiresAt)
        {
            throw new RequestRejectedException(WalletErrors.RecoveryPending, $"Recovery '{requestId}' is not open for wallet '{GrainKey}' (it expired or ended).");
        }

        var attempts = state.State.RecoveryAttempts ??= [];
        attempts.Add(Now);
        if (attempts.Count > RememberedSignIns)
        {
            attempts.RemoveAt(0);
        }

        state.State.ActiveRecovery = requestId;
        state.State.ActiveRecoveryExpiresAt = expiresAt;
        await WriteAsync();
        return Terms(null, null);
    }

    /// <inheritdoc />
    public Task<RecoveryTerms> GetRecoveryTerms() => Task.FromResult(Terms(null, null));

    /// <inheritdoc />
    public async Task LockForRecovery(string requestId)
    {
        ActiveOnly(requestId);
        if (AddFreezeReason(WalletErrors.RecoveryLock) | state.State.ActiveRecoveryExpiresAt != 0)
        {
            state.State.ActiveRecoveryExpiresAt = 0; // a timelocked recovery no longer expires
            await WriteAsync();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WalletToken>> CompleteRecovery(string requestId, EthereumAddress newOwner)
    {
        ArgumentNullException.ThrowIfNull(newOwner);
        if (state.State.LastRecovery != requestId || state.State.ActiveRecovery is not null)
        {
            ActiveOnly(requestId);
            state.State.Owner = newOwner;
            state.State.RecoveryNonce++;
            foreach (var holdings in state.State.Collections?.Values.ToList() ?? [])
            {
                holdings.Operators.Clear();
            }

            RemoveFreezeReason(WalletErrors.RecoveryLock);
            state.State.ActiveRecovery = null;
            state.State.ActiveRecoveryExpiresAt = 0;
            state.State.OpenRecoveries = null; // every other open request is stale now: the recovery nonce moved on
            state.State.LastRecovery = requestId;
            await WriteAsync();
            WalletLog.Recovered(logger, GrainKey, requestId, newOwner.ToLowerHex());
        }

        return [.. (state.State.Collections ?? [])
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .SelectMany(c => c.Value.Held.Keys.Select(t => new WalletToken(c.Key, t)))];
    }

    /// <inheritdoc />
    public async Task AbortRecovery(string requestId)
    {
        var open = state.State.OpenRecoveries?.Remove(requestId) ?? false;
        if (state.State.ActiveRecovery == requestId)
        {
            RemoveFreezeReason(WalletErrors.RecoveryLock);
            state.State.ActiveRecovery = null;
            state.State.ActiveRecoveryExpiresAt = 0;
            open = true;
        }

        if (open)
        {
            if (state.State.OpenRecoveries is { Count: 0 })
            {
                state.State.OpenRecoveries = null;
            }

            await WriteAsync();
        }
    }

    // Whether outgoing value is in escrow: a recovery is under way or a request is open and not expired. Read-only: expired
    // entries are skipped here and dropped by the next write.
    private bool InRecoveryEscrow => LiveActiveRecovery is not null || (state.State.OpenRecoveries?.Values.Any(expiresAt => expiresAt > Now) ?? false);

    // The recovery under way, unless it expired before its timelock started.
    private string? LiveActiveRecovery =>
        state.State.ActiveRecoveryExpiresAt > 0 && state.State.ActiveRecoveryExpiresAt <= Now ? null : state.State.ActiveRecovery;

    // Refuses outgoing value while a recovery is open: the owner may cancel a request that is not theirs with a signature.
    private void RefuseDuringRecoveryEscrow(string action)
    {
        if (!IsFrozen && InRecoveryEscrow) // a frozen wallet is refused as frozen, by the rate and freeze check after this
        {
            throw new RequestRejectedException(WalletErrors.RecoveryEscrow,
                $"A recovery of wallet '{GrainKey}' is open; {action} is held until it ends (the owner may cancel it with a signature).");
        }
    }

    // Forgets (in memory; the next write stores it) open requests past their expiry, and a recovery under way that expired
    // before its timelock started: expiry ends their escrow even when nobody calls the request again.
    private void PruneRecoveries()
    {
        var now = Now;
        if (state.State.OpenRecoveries is { } open)
        {
            foreach (var expired in open.Where(r => r.Value <= now).Select(r => r.Key).ToList())
            {
                open.Remove(expired);
            }

            if (open.Count == 0)
            {
                state.State.OpenRecoveries = null;
            }
        }

        if (state.State.ActiveRecovery is not null && state.State.ActiveRecoveryExpiresAt > 0 && state.State.ActiveRecoveryExpiresAt <= now)
        {
            state.State.ActiveRecovery = null;
            state.State.ActiveRecoveryExpiresAt = 0;
        }
    }

    private void ActiveOnly(string requestId)
    {
        if (state.State.ActiveRecovery != requestId)
        {
            throw new RequestRejectedException(Interfaces.Recovery.RecoveryErrors.WrongState, $"Recovery '{requestId}' is not the one under way for wallet '{GrainKey}'.");
        }
    }

    private RecoveryTerms Terms(Hash32? device, string? geo)
    {
        var now = Now;
        var since = now - (long)RecentAttemptWindow.TotalSeconds;
        var created = state.State.CreatedAt == 0 ? now : state.State.CreatedAt;
        return new RecoveryTerms(
            Owner,
            [.. state.State.Guardians ?? []],
            state.State.Threshold,
            state.State.RecoveryNonce,
            LiveActiveRecovery,
            device is null ? null : state.State.KnownDevices?.Contains(device) ?? false,
            geo is null || state.State.RecentGeos is not { Count: > 0 } recent ? null : recent.Contains(geo),
            (state.State.RecoveryAttempts ?? []).Count(t => t >= since),
            (now - created) / 86_400,
            state.State.FreezeReasons?.Exists(r => r.Reason != WalletErrors.RecoveryLock) ?? false);
    }

    private static void Remember<T>(List<T> recent, T item)
    {
        recent.Remove(item);
        recent.Add(item);
        if (recent.Count > RememberedSignIns)
        {
            recent.RemoveAt(0);
        }
    }

    private static void CheckGeo(string geo)
    {
        if (!Ids.IsCountryCode(geo))
        {
            throw RequestRejectedException.Invalid(nameof(geo), "A country is an ISO 3166-1 alpha-2 code: two uppercase letters.");
        }
    }
}
