using System.Globalization;
using Actors.Domain.Logins;
using Actors.Domain.Merkle;
using Actors.Providers.Logins;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Logins;

/// <summary>
/// Commits one batch of the login log: reads the record hashes after the last batch's tree size (at most
/// <c>maxRecords</c>), extends the tree's right edge with them, and publishes the new tree head with the subtrees it completed.
/// The edge is kept between batches and rebuilt from the stored subtrees (one read of O(log n) nodes) whenever it does not
/// end where the last batch did.
/// </summary>
public sealed class LoginBatchCommitter(ILoginRecordStore store, int maxRecords, TimeProvider time, ILogger logger)
{
    private const int ReadChunk = 50_000;
    private MerkleFrontier? _frontier;

    /// <summary>Commits the next batch; null when no record waits or another committer published this batch first.</summary>
    public async Task<LoginBatch?> CommitAsync()
    {
        var last = await store.LastBatchAsync();
        var size = last?.Size ?? 0;
        var count = await store.CountAsync();
        if (count <= size)
        {
            return null;
        }

        var frontier = _frontier is { } cached && cached.Size == size ? cached : await RestoreAsync(size);
        _frontier = null; // extended below; kept again only once the batch is committed
        var take = (int)Math.Min(count - size, maxRecords);
        var nodes = new List<LoginTreeNode>(take);
        for (var done = 0; done < take;)
        {
            var hashes = await store.ReadHashesAsync(size + done, Math.Min(ReadChunk, take - done));
            if (hashes.Count == 0)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"The login log holds no record at position {size + done} below its count {count}."));
            }

            foreach (var hash in hashes)
            {
                frontier.Append(LoginRecordHashing.LeafHashOf(hash), (level, index, node) => nodes.Add(new LoginTreeNode(level, index, node)));
            }

            done += hashes.Count;
        }

        var batch = new LoginBatch((last?.BatchId ?? 0) + 1, frontier.Size, take, frontier.Root, time.GetUtcNow().ToUnixTimeSeconds());
        if (!await store.CommitBatchAsync(batch, nodes))
        {
            LoginLog.BatchTaken(logger, batch.BatchId);
            return null;
        }

        _frontier = frontier;
        LoginLog.BatchCommitted(logger, batch.BatchId, batch.Records, batch.Size);
        return batch;
    }

    private async Task<MerkleFrontier> RestoreAsync(long size)
    {
        var edge = MerkleRanges.NodesOfRoot(size);
        var nodes = await store.ReadNodesAsync(edge);
        return new MerkleFrontier(size, [.. edge.Select(n => nodes.TryGetValue(n, out var hash)
            ? hash
            : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The login log's tree lacks node {n}.")))]);
    }
}
