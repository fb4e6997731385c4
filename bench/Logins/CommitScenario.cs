using System.Diagnostics;
using System.Text.Json;
using Actors.Domain.Logins;
using Actors.Domain.Merkle;
using Actors.Grains.Logins;
using Actors.Providers.Logins;
using Microsoft.Extensions.Logging.Abstractions;

namespace Actors.Benchmarks.Logins;

/// <summary>
/// One run at one size: a fresh store filled with N records and copied; the store committed as one batch (with the same root
/// built in memory by <see cref="MerkleTree"/> as the baseline, and the append time beside it) and 101 inclusion proofs in it;
/// the copy committed in two batches of N/2 and the consistency proof between them. Every root and proof is checked.
/// </summary>
internal static class CommitScenario
{
    private const int Chunk = 5_000;
    private const int Proofs = 101;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<CommitResult> RunAsync(string provider, int records)
    {
        var fill = new LoginLogFill(Math.Clamp(records / 100, 1, 10_000), Chunk);
        await using var one = await LoginStoreInstance.CreateAsync(provider);
        var clock = Stopwatch.StartNew();
        await fill.AppendAsync(one.Store, records);
        var appendSeconds = clock.Elapsed.TotalSeconds;
        await using var two = await one.CopyAsync();

        clock.Restart();
        var tree = new MerkleTree(fill.Hashes.Select(LoginRecordHashing.LeafHashOf));
        var treeSeconds = clock.Elapsed.TotalSeconds;

        var committer = new LoginBatchCommitter(one.Store, records, TimeProvider.System, NullLogger.Instance);
        clock.Restart();
        var batch = await committer.CommitAsync() ?? throw new InvalidOperationException("the batch was not committed");
        var commitSeconds = clock.Elapsed.TotalSeconds;
        Check(batch.Size == records && batch.Root.Equals(tree.Root), "the committed root differs from the in-memory tree's");

        var latencies = new List<double>();
        var paths = new List<int>();
        var bytes = new List<int>();
        for (var i = 0; i < Proofs; i++)
        {
            var position = (long)i * (records - 1) / (Proofs - 1);
            var hash = fill.Hashes[(int)position];
            clock.Restart();
            var proof = await LoginProofs.InclusionAsync(one.Store, batch, fill.SequenceAt(position), position, hash);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            var path = proof.Path.Select(MerkleHash.Parse).ToList();
            Check(MerkleVerifier.VerifyInclusion(LoginRecordHashing.LeafHashOf(hash), position, records, path, tree.Root),
                $"the inclusion proof of position {position} does not verify");
            paths.Add(path.Count);
            bytes.Add(JsonSerializer.SerializeToUtf8Bytes(proof, Json).Length);
        }

        // The copy, committed as two batches: N/2 records, then the rest.
        var halves = new LoginBatchCommitter(two.Store, records / 2, TimeProvider.System, NullLogger.Instance);
        clock.Restart();
        var first = await halves.CommitAsync() ?? throw new InvalidOperationException("batch 1 was not committed");
        var firstSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var second = await halves.CommitAsync() ?? throw new InvalidOperationException("batch 2 was not committed");
        var secondSeconds = clock.Elapsed.TotalSeconds;
        Check(second.Size == records && second.Root.Equals(tree.Root), "batch 2's root differs from the in-memory tree's");

        var consistency = new List<double>();
        IReadOnlyList<string> proofPath = [];
        for (var i = 0; i < 21; i++)
        {
            clock.Restart();
            proofPath = await LoginProofs.ConsistencyAsync(two.Store, first.Size, second.Size);
            consistency.Add(clock.Elapsed.TotalMilliseconds);
        }

        Check(first.Root.Equals(tree.RootAt((int)first.Size))
            && MerkleVerifier.VerifyConsistency(first.Size, second.Size, first.Root, second.Root, [.. proofPath.Select(MerkleHash.Parse)]),
            "the consistency proof does not verify");
        var published = JsonSerializer.SerializeToUtf8Bytes(await LoginProofs.PublishedAsync(two.Store, second, first), Json).Length;

        return new CommitResult(provider, records, appendSeconds, treeSeconds, commitSeconds, Median(paths), Median(bytes), Median(latencies),
            firstSeconds, secondSeconds, proofPath.Count, published, Median(consistency));
    }

    private static T Median<T>(List<T> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static void Check(bool condition, string failure)
    {
        if (!condition)
        {
            throw new InvalidOperationException(failure);
        }
    }
}
