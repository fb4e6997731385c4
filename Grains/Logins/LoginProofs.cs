using Actors.Domain.Logins;
using Actors.Domain.Merkle;
using Actors.Grains.Interfaces.Logins;
using Actors.Providers.Logins;

namespace Actors.Grains.Logins;

/// <summary>
/// Inclusion and consistency proofs of the login log, computed from the complete subtrees its store keeps: each proof reads the
/// O(log n) nodes it needs in one call (<see cref="MerkleRanges.NodesOfInclusion"/>), never the leaves of the whole tree.
/// </summary>
public static class LoginProofs
{
    /// <summary>The inclusion proof of the record at <paramref name="position"/> in <paramref name="batch"/>'s tree head.</summary>
    public static async Task<LoginInclusion> InclusionAsync(ILoginRecordStore store, LoginBatch batch, long sequence, long position, Domain.Ethereum.Hash32 leaf)
    {
        var nodes = await store.ReadNodesAsync(MerkleRanges.NodesOfInclusion(position, batch.Size));
        var path = MerkleRanges.InclusionProof(position, batch.Size, (s, e) => MerkleRanges.RangeHash(s, e, Lookup(nodes)));
        return new LoginInclusion(sequence, batch.BatchId, batch.Root.ToString(), batch.Size, position, [.. path.Select(h => h.ToString())], leaf.ToString());
    }

    /// <summary>The consistency proof between the log's tree heads of sizes <paramref name="first"/> and <paramref name="second"/>.</summary>
    public static async Task<IReadOnlyList<string>> ConsistencyAsync(ILoginRecordStore store, long first, long second)
    {
        if (first == second)
        {
            return [];
        }

        var nodes = await store.ReadNodesAsync(MerkleRanges.NodesOfConsistency(first, second));
        return [.. MerkleRanges.ConsistencyProof(first, second, (s, e) => MerkleRanges.RangeHash(s, e, Lookup(nodes))).Select(h => h.ToString())];
    }

    /// <summary>A batch as published: with its consistency proof from the batch before it.</summary>
    public static async Task<LoginBatchJson> PublishedAsync(ILoginRecordStore store, LoginBatch batch, LoginBatch? before)
    {
        IReadOnlyList<string>? consistency = before is null ? null : await ConsistencyAsync(store, before.Size, batch.Size);
        return new LoginBatchJson(batch.BatchId, batch.Root.ToString(), batch.Size, batch.Records, batch.CreatedAt, null, before?.BatchId, consistency);
    }

    /// <summary>The inclusion proof of a chain's record <paramref name="sequence"/> in the first published batch holding it; null while none does.</summary>
    public static async Task<LoginInclusion?> ProofAsync(ILoginRecordStore store, string chain, long sequence)
    {
        if ((await store.ReadChainAsync(chain, sequence, 1)).FirstOrDefault() is not { } stored || stored.Record.Sequence != sequence
            || await store.BatchHoldingAsync(stored.Position) is not { } batch)
        {
            return null;
        }

        return await InclusionAsync(store, batch, sequence, stored.Position, stored.Record.Hash);
    }

    /// <summary>
    /// A chain's export: every record (from the log's table, where each is before its call is answered), every inclusion proof,
    /// and the batches they name plus the newest, each with its consistency proof from the one before it.
    /// </summary>
    public static async Task<LoginExportJson> ExportAsync(ILoginRecordStore store, string chain)
    {
        var records = await store.ReadChainAsync(chain, 1, int.MaxValue);
        var proofs = new List<LoginProofJson>();
        var batches = new SortedDictionary<long, LoginBatch>();
        foreach (var stored in records)
        {
            if (await store.BatchHoldingAsync(stored.Position) is not { } batch)
            {
                break; // positions grow along the chain: the rest are not batched yet either
            }

            batches[batch.BatchId] = batch;
            var proof = await InclusionAsync(store, batch, stored.Record.Sequence, stored.Position, stored.Record.Hash);
            proofs.Add(new LoginProofJson(proof.Sequence, proof.BatchId, proof.BatchRoot, proof.BatchSize, proof.LeafIndex, proof.Path, proof.Leaf));
        }

        if (await store.LastBatchAsync() is { } latest)
        {
            batches[latest.BatchId] = latest; // the newest tree head, so a check also sees the log still holds every batch
        }

        var published = new List<LoginBatchJson>();
        LoginBatch? before = null;
        foreach (var batch in batches.Values)
        {
            published.Add(await PublishedAsync(store, batch, before));
            before = batch;
        }

        return new LoginExportJson(chain, [.. records.Select(r => LoginRecordJson.Of(r.Record))], proofs, published);
    }

    private static MerkleRanges.PerfectNode Lookup(IReadOnlyDictionary<(int Level, long Index), MerkleHash> nodes) => (level, index) =>
        nodes.TryGetValue((level, index), out var hash)
            ? hash
            : throw new InvalidOperationException($"The login log's tree lacks node ({level}, {index}): the store is incomplete.");
}
