using Actors.Domain.Ethereum;
using Actors.Domain.Logins;
using Actors.Domain.Merkle;

namespace Actors.Providers.Logins;

/// <summary>
/// The login log's durable tier: every chain's records in one append-only sequence (a record's position is its leaf index in
/// the log's RFC 9162 tree), the tree's complete subtrees, and the published batch heads. Nothing here updates or deletes a
/// row except <see cref="TombstoneAsync"/> and <see cref="TombstoneOlderThanAsync"/>, which only drop payloads; the SQL
/// stores' triggers refuse anything else.
/// </summary>
public interface ILoginRecordStore
{
    /// <summary>
    /// Appends records at the log's end, in order, each answered with its position once committed. A record whose chain and
    /// sequence are stored already is not appended again: its stored position is the answer when its hash is the same, and an
    /// <see cref="InvalidOperationException"/> when it is not (a chain never forks).
    /// </summary>
    Task<IReadOnlyList<long>> AppendAsync(IReadOnlyList<LoginRecord> records, CancellationToken cancellationToken = default);

    /// <summary>The number of records in the log: the position the next one gets.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>Records of a chain from <paramref name="fromSequence"/> on, in order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<StoredLoginRecord>> ReadChainAsync(string chain, long fromSequence, int limit, CancellationToken cancellationToken = default);

    /// <summary>A chain's last record; null for a chain without one.</summary>
    Task<StoredLoginRecord?> LastOfChainAsync(string chain, CancellationToken cancellationToken = default);

    /// <summary>The record hashes at positions <paramref name="from"/> to <paramref name="from"/> + count - 1 (fewer at the end).</summary>
    Task<IReadOnlyList<Hash32>> ReadHashesAsync(long from, int count, CancellationToken cancellationToken = default);

    /// <summary>Drops the payloads of a chain's records up to <paramref name="throughSequence"/>; answers how many lost one.</summary>
    Task<int> TombstoneAsync(string chain, long throughSequence, CancellationToken cancellationToken = default);

    /// <summary>Drops the payloads of every chain's records older than <paramref name="time"/> (Unix seconds); answers how many.</summary>
    Task<int> TombstoneOlderThanAsync(long time, CancellationToken cancellationToken = default);

    /// <summary>The newest published batch; null before the first.</summary>
    Task<LoginBatch?> LastBatchAsync(CancellationToken cancellationToken = default);

    /// <summary>A batch by id.</summary>
    Task<LoginBatch?> GetBatchAsync(long batchId, CancellationToken cancellationToken = default);

    /// <summary>Batches newest first, with ids below <paramref name="beforeId"/> when given, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<LoginBatch>> ListBatchesAsync(long? beforeId, int limit, CancellationToken cancellationToken = default);

    /// <summary>The first batch whose tree holds <paramref name="position"/>; null while no batch does yet.</summary>
    Task<LoginBatch?> BatchHoldingAsync(long position, CancellationToken cancellationToken = default);

    /// <summary>
    /// Publishes a batch and the complete subtrees it closed, write-once, in one transaction. False, and nothing written, when
    /// the batch's id is taken or it does not start where the last batch ended (another activation committed it first).
    /// </summary>
    Task<bool> CommitBatchAsync(LoginBatch batch, IReadOnlyList<LoginTreeNode> nodes, CancellationToken cancellationToken = default);

    /// <summary>Complete subtree hashes by (level, index); level 0 are the records' leaf hashes.</summary>
    Task<IReadOnlyDictionary<(int Level, long Index), MerkleHash>> ReadNodesAsync(
        IReadOnlyCollection<(int Level, long Index)> nodes, CancellationToken cancellationToken = default);
}

/// <summary>A record and its position in the log.</summary>
public sealed record StoredLoginRecord(LoginRecord Record, long Position);

/// <summary>
/// A published batch: after it the log's tree holds <see cref="Size"/> records and has root <see cref="Root"/>; it added the
/// last <see cref="Records"/> of them.
/// </summary>
public sealed record LoginBatch(long BatchId, long Size, long Records, MerkleHash Root, long CreatedAt);

/// <summary>A complete subtree of the log's tree: MTH of records index·2^level to (index+1)·2^level - 1.</summary>
public sealed record LoginTreeNode(int Level, long Index, MerkleHash Hash);
