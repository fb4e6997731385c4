using Actors.Domain.Ethereum;
using Actors.Domain.Logins;

namespace Actors.Grains.Interfaces.Logins;

/// <summary>
/// A wallet's login records, keyed by the wallet's address (lowercase <c>0x</c> hex), or <see cref="LoginRecordHashing.ClusterChain"/>
/// for the cluster's own records. Every record is appended to the cluster's log before the call that made it is answered, so a
/// sign-in answered is a sign-in recorded; recent records also stay in the grain's state for the anomaly rules and reads.
/// </summary>
public interface ILoginLogGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records a sign-in attempt (signed in or refused), after the end of every session that expired meanwhile, and runs the
    /// anomaly rules on it: the answer says which fired and what they did.
    /// </summary>
    Task<SignInRecorded> RecordSignIn(SignInAttempt attempt);

    /// <summary>
    /// Records a session's end: <c>logout</c> of session <paramref name="sessionId"/>, or <c>recovery</c>, which ends every
    /// session and names the recovery request in <paramref name="sessionId"/> (recorded once per request). Expiry is recorded
    /// when noticed.
    /// </summary>
    Task RecordSessionEnd(string sessionId, string reason);

    /// <summary>Records a step-up: a fresh signature from the session, which the wallet's step-up asked for.</summary>
    Task RecordStepUp(string sessionId, Hash32? deviceHash, Hash32? clientHash, string? country);

    /// <summary>Records a rotation of the login key: the records after it are under <paramref name="newVersion"/>.</summary>
    Task RecordKeyRotation(int oldVersion, int newVersion);

    /// <summary>Records, in the cluster's chain, that retention tombstoned <paramref name="records"/> records older than <paramref name="before"/>.</summary>
    Task RecordRetention(long before, int records);

    /// <summary>Records from <paramref name="fromSequence"/> on, oldest first, at most <paramref name="limit"/>, and the chain's head.</summary>
    Task<LoginPage> GetRecords(long fromSequence, int limit);

    /// <summary>
    /// Erases the payload of every record (tombstones keep each record's hashes, so the chain and the batch proofs still
    /// verify), then records the erasure; answers how many records lost their payload.
    /// </summary>
    Task<int> Erase(string? sessionId);
}

/// <summary>A sign-in attempt to record.</summary>
/// <param name="Outcome"><c>signed_in</c>, or the refusal's problem code.</param>
/// <param name="Method"><c>siwe</c> or <c>signature</c>.</param>
/// <param name="SessionId">The session issued, when one was.</param>
/// <param name="SessionExpiresAt">When that session expires, Unix seconds.</param>
/// <param name="DeviceHash">The peppered hash of the device's fingerprint, when one was sent.</param>
/// <param name="ClientHash">The peppered hash of the client's network address.</param>
/// <param name="Country">The client's country, when sent.</param>
[GenerateSerializer]
[Alias("actors.SignInAttempt")]
public sealed record SignInAttempt(
    [property: Id(0)] string Outcome,
    [property: Id(1)] string Method,
    [property: Id(2)] string? SessionId,
    [property: Id(3)] long SessionExpiresAt,
    [property: Id(4)] Hash32? DeviceHash,
    [property: Id(5)] Hash32? ClientHash,
    [property: Id(6)] string? Country)
{
    /// <summary>Whether the attempt gave a session.</summary>
    public bool SignedIn => Outcome == LoginOutcomes.SignedIn;
}

/// <summary>What recording a sign-in did.</summary>
/// <param name="Sequence">The sign-in record's sequence.</param>
/// <param name="Anomaly">The anomaly rule that fired, if one did.</param>
/// <param name="Action">What it did: <c>step_up</c> or <c>freeze</c>; null when none fired.</param>
[GenerateSerializer]
[Alias("actors.SignInRecorded")]
public sealed record SignInRecorded([property: Id(0)] long Sequence, [property: Id(1)] string? Anomaly, [property: Id(2)] string? Action);

/// <summary>A page of a chain's records and the chain's head (its last record's sequence and hash).</summary>
[GenerateSerializer]
[Alias("actors.LoginPage")]
public sealed record LoginPage(
    [property: Id(0)] IReadOnlyList<LoginRecord> Records,
    [property: Id(1)] long HeadSequence,
    [property: Id(2)] Hash32 HeadHash);

/// <summary>A record's inclusion proof (RFC 9162) in a published batch's tree head.</summary>
[GenerateSerializer]
[Alias("actors.LoginInclusion")]
public sealed record LoginInclusion(
    [property: Id(0)] long Sequence,
    [property: Id(1)] long BatchId,
    [property: Id(2)] string BatchRoot,
    [property: Id(3)] long BatchSize,
    [property: Id(4)] long LeafIndex,
    [property: Id(5)] IReadOnlyList<string> Path,
    [property: Id(6)] string Leaf);

/// <summary>Outcomes and reasons login records name.</summary>
public static class LoginOutcomes
{
    /// <summary>A sign-in that gave a session.</summary>
    public const string SignedIn = "signed_in";

    /// <summary>A session ended at its expiry.</summary>
    public const string Expired = "expired";

    /// <summary>A session ended by its holder.</summary>
    public const string Logout = "logout";

    /// <summary>Every session ended by a recovery of the wallet.</summary>
    public const string Recovery = "recovery";

    /// <summary>A fresh signature given for a step-up.</summary>
    public const string SteppedUp = "stepped_up";

    /// <summary>The freeze reason of an anomaly's temporary freeze.</summary>
    public const string AnomalyFreezeReason = "login_anomaly";

    /// <summary>The method of a Sign-In with Ethereum (EIP-4361) message.</summary>
    public const string Siwe = "siwe";
}

/// <summary>The login log's batches: committed every <c>Logins:BatchInterval</c>, and at its size limit; keyed 0.</summary>
public interface ILoginBatcherGrain : IGrainWithIntegerKey
{
    /// <summary>Starts the batch timer (the grain keeps itself alive with a reminder).</summary>
    Task Start();

    /// <summary>Commits the records appended since the last batch as a new batch now; answers its id, or null when there were none.</summary>
    Task<long?> Commit();

    /// <summary>
    /// Tombstones every record older than <c>Logins:Retention</c> and records that in the cluster's chain; answers how many
    /// records lost their payload. The grain's reminder runs it hourly.
    /// </summary>
    Task<int> ApplyRetention();
}

/// <summary>The login key's versions; keyed 0.</summary>
public interface ILoginKeysGrain : IGrainWithIntegerKey
{
    /// <summary>The version new records are authenticated under.</summary>
    Task<int> GetCurrentVersion();

    /// <summary>Moves to a new key version and records the rotation in the cluster's chain; answers the new version.</summary>
    Task<int> Rotate();
}
