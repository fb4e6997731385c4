namespace Actors.Grains.Interfaces.Gateway;

/// <summary>
/// One Idempotency-Key of one caller (keyed by a hash of both): the first request's fingerprint, which silo runs it now and
/// until when, and, once it has completed, its response. Every silo's gateway asks the same grain, so a retry through another
/// silo gets the same answer.
/// </summary>
/// <remarks>
/// A claim is held by the silo that runs the request (its <see cref="SiloAddress"/>) under a short lease that silo renews while
/// the request runs. A retry of the same request takes the claim over, under the same epoch and so the same operation id, as
/// soon as the holder is dead in the cluster's membership or its lease has run out: a request whose silo died never blocks its
/// key, and the grains underneath, deduplicating by the operation id, give it one effect whichever attempt gets through.
/// </remarks>
public interface IIdempotencyGrain : IGrainWithStringKey
{
    /// <summary>
    /// Claims the key for <paramref name="claimant"/> to run a request with <paramref name="fingerprint"/>, or returns what it
    /// holds: the stored response of the same request, a conflict (another request used the key), or the same request still
    /// under way on a live silo. A claim whose holder is dead, whose lease (<paramref name="lease"/> since its last renewal) ran
    /// out, or that was released, is taken over by the same request under the same epoch. A record older than
    /// <paramref name="lifetime"/> is replaced, under a new epoch, by whatever request comes.
    /// </summary>
    Task<IdempotencyClaim> Begin(string fingerprint, SiloAddress claimant, TimeSpan lease, TimeSpan lifetime);

    /// <summary>Extends the lease of <paramref name="claimant"/>'s claim; false when the claim is no longer its own.</summary>
    Task<bool> Renew(string fingerprint, SiloAddress claimant);

    /// <summary>Stores the (successful) response of the request; the first response stored is the one every repeat gets.</summary>
    Task Complete(string fingerprint, StoredResponse response);

    /// <summary>
    /// Gives up <paramref name="claimant"/>'s claim of a request that ended without a response worth keeping (a failure to
    /// retry). The key stays the request's: a retry of it resumes under the same epoch, another request is a conflict.
    /// </summary>
    Task Release(string fingerprint, SiloAddress claimant);

    /// <summary>
    /// Frees the key after <paramref name="claimant"/>'s request was refused (a 4xx: it changed nothing). The refusal is not kept:
    /// any request may use the key next, the same one retried or a corrected one, under a new epoch and so a new operation id.
    /// </summary>
    Task Forget(string fingerprint, SiloAddress claimant);
}

/// <summary>What <see cref="IIdempotencyGrain.Begin"/> found.</summary>
public enum IdempotencyOutcome
{
    /// <summary>The key is the caller's to run the request under.</summary>
    Claimed = 1,

    /// <summary>The same request completed: replay <see cref="IdempotencyClaim.Response"/>.</summary>
    Replay = 2,

    /// <summary>The key was used with another request.</summary>
    Conflict = 3,

    /// <summary>The same request is still under way on a live silo.</summary>
    InProgress = 4,
}

/// <summary>
/// The outcome of a claim; for a replay, the stored response; the record's epoch (its start, in ticks), which names this use of
/// the key: retries within the key's lifetime share it, a reuse after expiry gets a new one; and, for a claim taken over from
/// an attempt that did not finish, the silo that held it.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("actors.IdempotencyClaim")]
public sealed record IdempotencyClaim(
    [property: Id(0)] IdempotencyOutcome Outcome,
    [property: Id(1)] StoredResponse? Response,
    [property: Id(2)] long Epoch,
    [property: Id(3)] SiloAddress? TakenOverFrom = null);

/// <summary>A response as stored: status, content type and body.</summary>
[GenerateSerializer]
[Immutable]
[Alias("actors.StoredResponse")]
public sealed record StoredResponse([property: Id(0)] int Status, [property: Id(1)] string? ContentType, [property: Id(2)] byte[] Body);
