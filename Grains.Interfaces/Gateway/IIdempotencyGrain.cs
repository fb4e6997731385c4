using Actors.Runtime;

namespace Actors.Grains.Interfaces.Gateway;

/// <summary>
/// One Idempotency-Key of one caller (keyed by a hash of both): the first request's fingerprint and, once it has completed,
/// its response. Every silo's gateway asks the same grain, so a retry through another silo gets the same answer.
/// </summary>
public interface IIdempotencyGrain : IGrainWithStringKey
{
    /// <summary>
    /// Claims the key for a request with <paramref name="fingerprint"/>, or returns what it holds: the stored response of the
    /// same request, a conflict (another request used the key), or a request still under way. A claim older than
    /// <paramref name="lease"/> without a response, or a record older than <paramref name="lifetime"/>, is replaced.
    /// </summary>
    Task<IdempotencyClaim> Begin(string fingerprint, TimeSpan lease, TimeSpan lifetime);

    /// <summary>Stores the response of the request that claimed the key.</summary>
    Task Complete(string fingerprint, StoredResponse response);

    /// <summary>Releases a claim whose request ended without a response worth keeping (a failure to retry).</summary>
    Task Release(string fingerprint);
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

    /// <summary>The same request is still under way.</summary>
    InProgress = 4,
}

/// <summary>
/// The outcome of a claim; for a replay, the stored response; and the record's epoch (its start, in ticks), which names
/// this use of the key: retries within the key's lifetime share it, a reuse after expiry gets a new one.
/// </summary>
public sealed record IdempotencyClaim(IdempotencyOutcome Outcome, StoredResponse? Response, long Epoch);

/// <summary>A response as stored: status, content type and body.</summary>
public sealed record StoredResponse(int Status, string? ContentType, byte[] Body);
