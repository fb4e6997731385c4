using System.Globalization;
using Actors.Domain.Ethereum;
using Actors.Domain.Logins;
using Actors.Grains.Interfaces.Logins;
using Actors.Grains.Interfaces.Wallets;
using Actors.Providers.Logins;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Logins;

/// <summary>
/// A login chain (<see cref="ILoginLogGrain"/>). Each call's records are hashed onto the chain's head, appended to the log's
/// table (which answers once committed), and only then kept in the grain's state and answered; an activation whose state
/// missed an append (its silo died between the two) takes the head from the table first, so a chain never forks.
/// </summary>
public sealed class LoginLogGrain(
    [PersistentState("logins")] IPersistentState<LoginLogState> state, ILoginRecordStore store, LoginKeyRing keys,
    IOptions<LoginOptions> options, TimeProvider time) : Grain, ILoginLogGrain
{
    private string Chain => this.GetPrimaryKeyString();

    private long Now => time.GetUtcNow().ToUnixTimeSeconds();

    private LoginAnomalyOptions Rules => options.Value.Anomaly;

    private bool IsWallet => Chain != LoginRecordHashing.ClusterChain;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (await store.LastOfChainAsync(Chain, cancellationToken) is { } last && last.Record.Sequence > state.State.HeadSequence)
        {
            var missed = await store.ReadChainAsync(Chain, state.State.HeadSequence + 1, int.MaxValue, cancellationToken);
            foreach (var stored in missed)
            {
                Kept(stored.Record);
            }
        }
    }

    /// <inheritdoc />
    public async Task<SignInRecorded> RecordSignIn(SignInAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var now = Math.Max(Now, state.State.HeadTime);
        var records = ExpiredSessions(now);
        records.Add((LoginKinds.SignIn, new LoginPayload(
            attempt.Outcome, attempt.Method, attempt.SessionId, attempt.DeviceHash, attempt.ClientHash, attempt.Country), now));
        var (anomaly, action) = attempt.SignedIn ? await SignedInAsync(attempt, now) : Refused(now);
        if (anomaly is not null)
        {
            records.Add((LoginKinds.Anomaly, new LoginPayload(action!, Detail: anomaly), now));
        }

        var appended = await AppendAsync(records);
        if (attempt.SignedIn && attempt.SessionId is { } session)
        {
            state.State.OpenSessions[session] = attempt.SessionExpiresAt;
        }

        await state.WriteStateAsync();

        // The wallet acts on the anomaly once the record of it is stored: an owner who sees the step-up or freeze finds why here.
        var wallet = GrainFactory.GetGrain<IWalletGrain>(Chain);
        if (action == LoginAnomalies.StepUp)
        {
            await wallet.RequireStepUp(anomaly!);
        }
        else if (action == LoginAnomalies.Freeze)
        {
            await wallet.FreezeForAnomaly(anomaly!, now + (long)Rules.FreezeDuration.TotalSeconds);
        }

        return new SignInRecorded(appended.First(r => r.Kind == LoginKinds.SignIn).Sequence, anomaly, action);
    }

    // The rules of a signed-in attempt: the wallet says whether its device and country are new to it (the history recovery
    // risk scoring reads), and this chain counts the countries of the last window.
    private async Task<(string? Rule, string? Action)> SignedInAsync(SignInAttempt attempt, long now)
    {
        var seen = await GrainFactory.GetGrain<IWalletGrain>(Chain).RecordLogin(attempt.DeviceHash, attempt.ClientHash, attempt.Country);
        var windowStart = now - (long)Rules.CountryWindow.TotalSeconds;
        var countries = state.State.RecentCountries;
        countries.RemoveAll(c => c.Time <= windowStart);
        if (attempt.Country is { } country)
        {
            countries.RemoveAll(c => c.Country == country);
            countries.Add(new CountrySeen(country, now));
            if (countries.Count >= Rules.Countries)
            {
                var names = string.Join(", ", countries.Select(c => c.Country));
                return ($"{LoginAnomalies.CountriesWithinWindow}: sign-ins from {names} within {Rules.CountryWindow}", LoginAnomalies.Freeze);
            }
        }

        return seen.NewDevice && seen.NewCountry
            ? ($"{LoginAnomalies.NewDeviceAndCountry}: a device and a country ({attempt.Country}) the wallet never signed in from", LoginAnomalies.StepUp)
            : (null, null);
    }

    private (string? Rule, string? Action) Refused(long now)
    {
        var windowStart = now - (long)Rules.RefusedWindow.TotalSeconds;
        var refused = state.State.Refused;
        refused.RemoveAll(t => t <= windowStart);
        refused.Add(now);
        if (refused.Count >= Rules.RefusedBurst && state.State.LastBurstAt <= windowStart)
        {
            state.State.LastBurstAt = now;
            return (string.Create(CultureInfo.InvariantCulture,
                $"{LoginAnomalies.RefusedBurst}: {refused.Count} refused sign-ins within {Rules.RefusedWindow}"), LoginAnomalies.StepUp);
        }

        return (null, null);
    }

    /// <inheritdoc />
    public async Task RecordSessionEnd(string sessionId, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        var now = Math.Max(Now, state.State.HeadTime);
        var records = ExpiredSessions(now);
        if (reason == LoginOutcomes.Recovery)
        {
            if (state.State.Recent.Exists(r => r.Kind == LoginKinds.SessionEnd && r.Payload?.Outcome == reason && r.Payload.Detail == sessionId))
            {
                return; // the recovery's finalizing step ran again
            }

            state.State.OpenSessions.Clear(); // every session of the wallet ended with its recovery
            records.Add((LoginKinds.SessionEnd, new LoginPayload(reason, Detail: sessionId), now));
        }
        else if (state.State.OpenSessions.Remove(sessionId))
        {
            records.Add((LoginKinds.SessionEnd, new LoginPayload(reason, SessionId: sessionId), now));
        }

        if (records.Count > 0)
        {
            await AppendAsync(records);
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public async Task RecordStepUp(string sessionId, Hash32? deviceHash, Hash32? clientHash, string? country)
    {
        var now = Math.Max(Now, state.State.HeadTime);
        var records = ExpiredSessions(now);
        records.Add((LoginKinds.StepUp, new LoginPayload(LoginOutcomes.SteppedUp, LoginOutcomes.Siwe, sessionId, deviceHash, clientHash, country), now));
        await AppendAsync(records);
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task RecordKeyRotation(int oldVersion, int newVersion)
    {
        var now = Math.Max(Now, state.State.HeadTime);
        var detail = string.Create(CultureInfo.InvariantCulture, $"login key version {oldVersion} -> {newVersion}");
        await AppendAsync([(LoginKinds.KeyRotation, new LoginPayload("rotated", Detail: detail), now)], rotatedTo: newVersion);
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task RecordRetention(long before, int records)
    {
        var now = Math.Max(Now, state.State.HeadTime);
        var detail = string.Create(CultureInfo.InvariantCulture, $"payloads of {records} records older than {before} erased");
        await AppendAsync([(LoginKinds.Erasure, new LoginPayload("retention", Detail: detail), now)]);
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task<LoginPage> GetRecords(long fromSequence, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var from = Math.Max(1, fromSequence);
        var recent = state.State.Recent;
        IReadOnlyList<LoginRecord> records = recent.Count > 0 && recent[0].Sequence <= from
            ? [.. recent.Where(r => r.Sequence >= from).Take(limit)]
            : [.. (await store.ReadChainAsync(Chain, from, limit)).Select(r => r.Record)];
        return new LoginPage(records, state.State.HeadSequence, state.State.HeadHash ?? LoginRecordHashing.Genesis);
    }

    /// <inheritdoc />
    public async Task<int> Erase(string? sessionId)
    {
        var through = state.State.HeadSequence;
        var erased = through == 0 ? 0 : await store.TombstoneAsync(Chain, through);
        state.State.Recent = [.. state.State.Recent.Select(r => r.Erased())];
        state.State.RecentCountries.Clear();
        state.State.Refused.Clear();
        if (IsWallet)
        {
            await GrainFactory.GetGrain<IWalletGrain>(Chain).ForgetLoginHistory();
        }

        var now = Math.Max(Now, state.State.HeadTime);
        var detail = string.Create(CultureInfo.InvariantCulture, $"payloads of records 1..{through} erased ({erased} had one)");
        await AppendAsync([(LoginKinds.Erasure, new LoginPayload("erased", SessionId: sessionId, Detail: detail), now)]);
        await state.WriteStateAsync();
        return erased;
    }

    // The end of each open session that expired by now, at its expiry time (after the head's time: it was not noticed sooner).
    private List<(string Kind, LoginPayload Payload, long Time)> ExpiredSessions(long now)
    {
        var ended = new List<(string, LoginPayload, long)>();
        foreach (var (session, expiresAt) in state.State.OpenSessions.Where(s => s.Value <= now).OrderBy(s => s.Value).ToList())
        {
            state.State.OpenSessions.Remove(session);
            ended.Add((LoginKinds.SessionEnd, new LoginPayload(LoginOutcomes.Expired, SessionId: session), Math.Max(expiresAt, state.State.HeadTime)));
        }

        return ended;
    }

    // Hashes the records onto the head (a rotation record first when the key version moved), appends them to the log, and keeps
    // them; the caller writes the state.
    private async Task<IReadOnlyList<LoginRecord>> AppendAsync(
        IReadOnlyList<(string Kind, LoginPayload Payload, long Time)> events, int? rotatedTo = null)
    {
        var (version, key) = await keys.CurrentAsync();
        if (rotatedTo is { } rotated && rotated > version)
        {
            keys.Rotated(rotated);
            (version, key) = (rotated, await keys.KeyAsync(rotated));
        }

        var items = new List<(string Kind, LoginPayload Payload, long Time)>();
        if (state.State.HeadSequence > 0 && version != state.State.HeadKeyVersion && rotatedTo is null)
        {
            var detail = string.Create(CultureInfo.InvariantCulture, $"login key version {state.State.HeadKeyVersion} -> {version}");
            items.Add((LoginKinds.KeyRotation, new LoginPayload("rotated", Detail: detail), events[0].Time));
        }

        items.AddRange(events);
        var records = new List<LoginRecord>(items.Count);
        var sequence = state.State.HeadSequence;
        var previous = state.State.HeadHash ?? LoginRecordHashing.Genesis;
        foreach (var (kind, payload, at) in items)
        {
            var record = LoginRecordHashing.Create(Chain, ++sequence, at, kind, version, previous, payload, key);
            records.Add(record);
            previous = record.Hash;
        }

        var positions = await store.AppendAsync(records);
        foreach (var record in records)
        {
            Kept(record);
        }

        var limit = options.Value.BatchMaxRecords;
        if (positions.Any(p => (p + 1) % limit == 0))
        {
            _ = GrainFactory.GetGrain<ILoginBatcherGrain>(0).Commit(); // a full batch's worth waits for no timer
        }

        return records;
    }

    private void Kept(LoginRecord record)
    {
        state.State.HeadSequence = record.Sequence;
        state.State.HeadHash = record.Hash;
        state.State.HeadTime = record.Time;
        state.State.HeadKeyVersion = record.KeyVersion;
        var recent = state.State.Recent;
        recent.Add(record);
        if (recent.Count > options.Value.RecentRecords)
        {
            recent.RemoveRange(0, recent.Count - options.Value.RecentRecords);
        }

        // Retention holds in the recent tier too: a payload older than it is dropped here as the log's reminder drops it there.
        var cutoff = Now - (long)options.Value.Retention.TotalSeconds;
        for (var i = 0; i < recent.Count && recent[i].Time < cutoff; i++)
        {
            recent[i] = recent[i].Erased();
        }
    }
}

/// <summary>The anomaly rules' names and actions.</summary>
public static class LoginAnomalies
{
    /// <summary>A burst of refused sign-ins.</summary>
    public const string RefusedBurst = "refused_burst";

    /// <summary>A sign-in from a device and a country both new to the wallet.</summary>
    public const string NewDeviceAndCountry = "new_device_new_country";

    /// <summary>Sign-ins from too many countries within the window.</summary>
    public const string CountriesWithinWindow = "countries_within_window";

    /// <summary>The next sensitive operation needs a fresh signature.</summary>
    public const string StepUp = "step_up";

    /// <summary>The wallet is frozen for a while.</summary>
    public const string Freeze = "freeze";
}
