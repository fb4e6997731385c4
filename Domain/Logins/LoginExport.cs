using Actors.Domain.Ethereum;

namespace Actors.Domain.Logins;

/// <summary>
/// A login record as the REST API and the export show it: hashes as <c>0x</c> hex, an erased record with its payload fields
/// null and <see cref="Tombstone"/> set.
/// </summary>
public sealed record LoginRecordJson(
    long Sequence,
    long Time,
    string Kind,
    string? Outcome,
    string? Method,
    string? SessionId,
    string? DeviceHash,
    string? ClientHash,
    string? Country,
    string? Detail,
    int KeyVersion,
    string PreviousHash,
    string PayloadDigest,
    string Hash,
    string Hmac,
    bool Tombstone)
{
    /// <summary>The JSON form of a record.</summary>
    public static LoginRecordJson Of(LoginRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var p = record.Payload;
        return new LoginRecordJson(
            record.Sequence, record.Time, record.Kind, p?.Outcome, p?.Method, p?.SessionId, p?.DeviceHash?.ToString(),
            p?.ClientHash?.ToString(), p?.Country, p?.Detail, record.KeyVersion, record.PreviousHash.ToString(),
            record.PayloadDigest.ToString(), record.Hash.ToString(), record.Hmac.ToString(), record.Tombstone);
    }

    /// <summary>The record of chain <paramref name="chain"/> this JSON describes; fails naming a field that is not well formed.</summary>
    public bool TryToRecord(string chain, out LoginRecord? record, out string? reason)
    {
        record = null;
        reason = null;
        if (Kind is null || !TryHash(PreviousHash, "previousHash", out var previous, out reason)
            || !TryHash(PayloadDigest, "payloadDigest", out var digest, out reason)
            || !TryHash(Hash, "hash", out var hash, out reason) || !TryHash(Hmac, "hmac", out var hmac, out reason))
        {
            reason ??= "kind is missing";
            return false;
        }

        LoginPayload? payload = null;
        if (Tombstone && (Outcome ?? Method ?? SessionId ?? DeviceHash ?? ClientHash ?? Country ?? Detail) is not null)
        {
            reason = "a tombstone carries payload fields, which its digest no longer covers";
            return false;
        }

        if (!Tombstone)
        {
            Hash32? device = null, client = null;
            if (Outcome is null)
            {
                reason = "outcome is missing from a record that is not a tombstone";
                return false;
            }

            if ((DeviceHash is not null && !TryHash(DeviceHash, "deviceHash", out device, out reason))
                || (ClientHash is not null && !TryHash(ClientHash, "clientHash", out client, out reason)))
            {
                return false;
            }

            payload = new LoginPayload(Outcome, Method, SessionId, device, client, Country, Detail);
        }

        record = new LoginRecord(chain, Sequence, Time, Kind, KeyVersion, previous!, payload, digest!, hash!, hmac!);
        reason = null;
        return true;
    }

    private static bool TryHash(string? text, string field, out Hash32? hash, out string? reason)
    {
        if (Hash32.TryParse(text, out hash, out var error))
        {
            reason = null;
            return true;
        }

        reason = $"{field}: {error}";
        return false;
    }
}

/// <summary>
/// A record's inclusion in a published batch (RFC 9162): the batch's root and tree size, the leaf's index in the log, the
/// audit path from the leaf's sibling up, and the leaf data (the record's hash).
/// </summary>
public sealed record LoginProofJson(long Sequence, long BatchId, string BatchRoot, long BatchSize, long LeafIndex, IReadOnlyList<string> Path, string Leaf);

/// <summary>
/// A published batch: the log's tree head after it (<see cref="Root"/> over the first <see cref="Size"/> records of every
/// chain), how many records it added, and the consistency proof from batch <see cref="ConsistencyFrom"/>'s tree head to this
/// one (absent for the first batch).
/// </summary>
public sealed record LoginBatchJson(
    long BatchId,
    string Root,
    long Size,
    long Records,
    long CreatedAt,
    string? Anchor,
    long? ConsistencyFrom,
    IReadOnlyList<string>? Consistency);

/// <summary>
/// Everything needed to check a wallet's login records offline: the chain in order, each batched record's inclusion proof, and
/// the batches those proofs name, each with its consistency proof from the batch before it in the list.
/// </summary>
public sealed record LoginExportJson(
    string Wallet,
    IReadOnlyList<LoginRecordJson> Records,
    IReadOnlyList<LoginProofJson> Proofs,
    IReadOnlyList<LoginBatchJson> Batches);
