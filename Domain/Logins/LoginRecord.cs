using Actors.Domain.Ethereum;

namespace Actors.Domain.Logins;

/// <summary>
/// One record of a login chain: a sign-in attempt, a session event, a key rotation, an anomaly or an erasure. Each record
/// names the hash of the one before it in its chain (<see cref="PreviousHash"/>, zero for the first) and carries an HMAC of its
/// own hash under the login key of <see cref="KeyVersion"/>; <see cref="LoginRecordHashing"/> defines both. An erased record
/// keeps everything but its <see cref="Payload"/>: its <see cref="PayloadDigest"/> still binds its hash, so the chain and the
/// batch proofs still verify.
/// </summary>
/// <param name="Chain">The chain: a wallet's address (lowercase <c>0x</c> hex), or <see cref="LoginRecordHashing.ClusterChain"/>.</param>
/// <param name="Sequence">The record's place in its chain, from 1.</param>
/// <param name="Time">When it happened, Unix seconds.</param>
/// <param name="Kind">What it records: one of <see cref="LoginKinds"/>.</param>
/// <param name="KeyVersion">The version of the login key its HMAC is under.</param>
/// <param name="PreviousHash">The hash of record <c>Sequence - 1</c> of the chain; 32 zero bytes for the first.</param>
/// <param name="Payload">What may identify a person; null once erased.</param>
/// <param name="PayloadDigest">The digest of the payload as written.</param>
/// <param name="Hash">The record's hash.</param>
/// <param name="Hmac">HMAC-SHA256 of <see cref="Hash"/> under the login key of <see cref="KeyVersion"/>.</param>
public sealed record LoginRecord(
    string Chain,
    long Sequence,
    long Time,
    string Kind,
    int KeyVersion,
    Hash32 PreviousHash,
    LoginPayload? Payload,
    Hash32 PayloadDigest,
    Hash32 Hash,
    Hash32 Hmac)
{
    /// <summary>Whether the payload was erased.</summary>
    public bool Tombstone => Payload is null;

    /// <summary>The record with its payload erased: a tombstone keeping its hashes.</summary>
    public LoginRecord Erased() => this with { Payload = null };
}

/// <summary>The part of a login record that may identify a person, and is erased on request or at the end of retention.</summary>
/// <param name="Outcome">For a sign-in, <c>signed_in</c> or the refusal's code; for a session's end, why; otherwise what happened.</param>
/// <param name="Method">How the wallet signed: <c>siwe</c> (EIP-4361) or <c>signature</c> (EIP-191 text); null where nothing was signed.</param>
/// <param name="SessionId">The session the record is about, hex; null when none was issued.</param>
/// <param name="DeviceHash">The peppered hash of the device's fingerprint, when one was sent.</param>
/// <param name="ClientHash">The peppered hash of the client's network address.</param>
/// <param name="Country">The client's country, ISO 3166-1 alpha-2, when sent.</param>
/// <param name="Detail">More about the event: an anomaly's rule, the sequences an erasure covered, a rotation's versions.</param>
public sealed record LoginPayload(
    string Outcome,
    string? Method = null,
    string? SessionId = null,
    Hash32? DeviceHash = null,
    Hash32? ClientHash = null,
    string? Country = null,
    string? Detail = null);

/// <summary>The kinds of login records.</summary>
public static class LoginKinds
{
    /// <summary>A sign-in attempt, signed in or refused.</summary>
    public const string SignIn = "sign_in";

    /// <summary>A session ended: by expiry, logout or a recovery.</summary>
    public const string SessionEnd = "session_end";

    /// <summary>A step-up: a fresh signature for a session that an anomaly asked for one.</summary>
    public const string StepUp = "step_up";

    /// <summary>An anomaly rule fired: a step-up asked, or a temporary freeze.</summary>
    public const string Anomaly = "anomaly";

    /// <summary>The login key changed version; the records after it are under the new one.</summary>
    public const string KeyRotation = "key_rotation";

    /// <summary>Payloads were replaced by tombstones: on the owner's request, or at the end of retention.</summary>
    public const string Erasure = "erasure";

    /// <summary>Every kind.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        SignIn, SessionEnd, StepUp, Anomaly, KeyRotation, Erasure,
    };
}
