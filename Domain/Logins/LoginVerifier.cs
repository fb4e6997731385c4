using System.Globalization;
using Actors.Domain.Ethereum;
using Actors.Domain.Merkle;

namespace Actors.Domain.Logins;

/// <summary>What a check of a login export found wrong; <see cref="Sequence"/> names the record, or is null for a batch.</summary>
public sealed record LoginFinding(long? Sequence, long? BatchId, string Problem)
{
    /// <inheritdoc />
    public override string ToString() =>
        Sequence is { } s ? string.Create(CultureInfo.InvariantCulture, $"record {s}: {Problem}")
        : BatchId is { } b ? string.Create(CultureInfo.InvariantCulture, $"batch {b}: {Problem}")
        : Problem;
}

/// <summary>The outcome of <see cref="LoginVerifier.Verify"/>.</summary>
/// <param name="Findings">Every problem found; none when the export verifies.</param>
/// <param name="Records">Records checked.</param>
/// <param name="Included">Records whose inclusion in a published batch was proven.</param>
/// <param name="HmacsChecked">Records whose HMAC was checked (only with the login keys given).</param>
/// <param name="Batches">Batches checked, with their consistency.</param>
public sealed record LoginVerification(IReadOnlyList<LoginFinding> Findings, int Records, int Included, int HmacsChecked, int Batches)
{
    /// <summary>Whether nothing was found wrong.</summary>
    public bool Valid => Findings.Count == 0;
}

/// <summary>
/// Checks a wallet's login export without trusting the cluster that made it: the chain (sequences from 1 without a gap, each
/// record naming its predecessor's hash, each hash and payload digest recomputed from the fields), each proof's leaf against
/// its record and its path against its batch's published root, and each batch's tree head consistent with the one before it.
/// With the login keys (operators), each HMAC too. A changed, reordered, dropped or inserted record is reported with its
/// sequence.
/// </summary>
public static class LoginVerifier
{
    /// <summary>Checks <paramref name="export"/>; <paramref name="keys"/> are login keys by version, for the HMACs.</summary>
    public static LoginVerification Verify(LoginExportJson export, IReadOnlyDictionary<int, byte[]>? keys = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        var findings = new List<LoginFinding>();
        var chain = export.Wallet?.ToLowerInvariant() ?? "";
        var hashes = new Dictionary<long, Hash32>();
        var hmacs = CheckChain(export, chain, keys, findings, hashes);
        var batches = CheckBatches(export.Batches ?? [], findings);
        var included = CheckProofs(export.Proofs ?? [], batches, hashes, findings);
        return new LoginVerification(findings, export.Records?.Count ?? 0, included, hmacs, batches.Count);
    }

    private static int CheckChain(
        LoginExportJson export, string chain, IReadOnlyDictionary<int, byte[]>? keys, List<LoginFinding> findings, Dictionary<long, Hash32> hashes)
    {
        var hmacs = 0;
        var expected = 1L;
        var previous = LoginRecordHashing.Genesis;
        foreach (var json in export.Records ?? [])
        {
            LoginRecord? record = null;
            string? reason = "null";
            if (json is null || !json.TryToRecord(chain, out record, out reason))
            {
                findings.Add(new LoginFinding(json?.Sequence, null, $"not well formed: {reason}"));
                expected = (json?.Sequence ?? expected) + 1;
                continue;
            }

            var s = record!.Sequence;
            if (s != expected)
            {
                findings.Add(new LoginFinding(s, null, string.Create(CultureInfo.InvariantCulture,
                    $"comes where record {expected} should: a record is missing, inserted or out of order")));
            }

            if (record.PreviousHash != previous)
            {
                findings.Add(new LoginFinding(s, null, "its previous hash is not the hash of the record before it"));
            }

            if (record.Payload is { } payload && LoginRecordHashing.DigestOf(payload) != record.PayloadDigest)
            {
                findings.Add(new LoginFinding(s, null, "its payload does not match its digest: a field was changed"));
            }

            var hash = LoginRecordHashing.HashOf(record.Chain, s, record.Time, record.Kind, record.KeyVersion, record.PreviousHash, record.PayloadDigest);
            if (hash != record.Hash)
            {
                findings.Add(new LoginFinding(s, null, "its hash does not match its fields: a field was changed"));
            }

            if (!LoginKinds.All.Contains(record.Kind))
            {
                findings.Add(new LoginFinding(s, null, $"unknown kind '{record.Kind}'"));
            }

            if (keys is not null && keys.TryGetValue(record.KeyVersion, out var key))
            {
                hmacs++;
                if (LoginRecordHashing.HmacOf(key, record.Hash) != record.Hmac)
                {
                    findings.Add(new LoginFinding(s, null, string.Create(CultureInfo.InvariantCulture,
                        $"its HMAC does not verify under login key version {record.KeyVersion}")));
                }
            }

            hashes.TryAdd(s, record.Hash);
            previous = record.Hash;
            expected = s + 1;
        }

        return hmacs;
    }

    private static Dictionary<long, (MerkleHash Root, long Size)> CheckBatches(IReadOnlyList<LoginBatchJson> batches, List<LoginFinding> findings)
    {
        var known = new Dictionary<long, (MerkleHash Root, long Size)>();
        foreach (var batch in batches)
        {
            if (batch is null || !MerkleHash.TryParse(batch.Root, out var root, out _))
            {
                findings.Add(new LoginFinding(null, batch?.BatchId, "its root is not a 32-byte hash"));
                continue;
            }

            if (batch.ConsistencyFrom is { } from)
            {
                if (!known.TryGetValue(from, out var earlier))
                {
                    findings.Add(new LoginFinding(null, batch.BatchId, $"its consistency proof starts from batch {from}, which the export lacks"));
                }
                else if (!TryHashes(batch.Consistency, out var path)
                    || !MerkleVerifier.VerifyConsistency(earlier.Size, batch.Size, earlier.Root, root, path))
                {
                    findings.Add(new LoginFinding(null, batch.BatchId, string.Create(CultureInfo.InvariantCulture,
                        $"its tree head is not consistent with batch {from}'s: a published root was replaced or the log rewritten")));
                }
            }
            else if (known.Count > 0)
            {
                findings.Add(new LoginFinding(null, batch.BatchId, "it comes without a consistency proof from the batch before it"));
            }

            known[batch.BatchId] = (root, batch.Size);
        }

        return known;
    }

    private static int CheckProofs(
        IReadOnlyList<LoginProofJson> proofs, Dictionary<long, (MerkleHash Root, long Size)> batches, Dictionary<long, Hash32> hashes, List<LoginFinding> findings)
    {
        var included = new HashSet<long>();
        foreach (var proof in proofs)
        {
            if (proof is null)
            {
                continue;
            }

            var s = proof.Sequence;
            if (!hashes.TryGetValue(s, out var recordHash))
            {
                findings.Add(new LoginFinding(s, proof.BatchId, "a proof names a record the chain lacks"));
                continue;
            }

            if (!Hash32.TryParse(proof.Leaf, out var leaf, out _) || leaf != recordHash)
            {
                findings.Add(new LoginFinding(s, proof.BatchId, "the batch holds another hash for it: the record was changed after it was committed"));
                continue;
            }

            if (!batches.TryGetValue(proof.BatchId, out var batch))
            {
                findings.Add(new LoginFinding(s, proof.BatchId, "its proof names a batch the export lacks"));
                continue;
            }

            if (!MerkleHash.TryParse(proof.BatchRoot, out var root, out _) || root != batch.Root || proof.BatchSize != batch.Size)
            {
                findings.Add(new LoginFinding(s, proof.BatchId, "its proof is against another root than the batch's published one"));
                continue;
            }

            if (!TryHashes(proof.Path, out var path)
                || !MerkleVerifier.VerifyInclusion(LoginRecordHashing.LeafHashOf(recordHash), proof.LeafIndex, batch.Size, path, batch.Root))
            {
                findings.Add(new LoginFinding(s, proof.BatchId, "its inclusion proof does not lead to the batch's root"));
                continue;
            }

            included.Add(s);
        }

        return included.Count;
    }

    private static bool TryHashes(IReadOnlyList<string>? texts, out IReadOnlyList<MerkleHash> hashes)
    {
        var parsed = new List<MerkleHash>();
        hashes = parsed;
        foreach (var text in texts ?? [])
        {
            if (!MerkleHash.TryParse(text, out var hash, out _))
            {
                return false;
            }

            parsed.Add(hash);
        }

        return texts is not null;
    }
}
