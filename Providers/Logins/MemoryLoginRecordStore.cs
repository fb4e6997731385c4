using Actors.Domain.Ethereum;
using Actors.Domain.Logins;
using Actors.Domain.Merkle;

namespace Actors.Providers.Logins;

/// <summary>
/// The login log in process memory, for the "memory" storage provider and tests: the same rules as the SQL stores (append
/// only, tombstones the one change, write-once batches and nodes), gone with the process.
/// </summary>
public sealed class MemoryLoginRecordStore : ILoginRecordStore
{
    private readonly Lock _gate = new();
    private readonly List<StoredLoginRecord> _records = [];
    private readonly Dictionary<(string Chain, long Sequence), int> _byChain = [];
    private readonly Dictionary<string, int> _lastOfChain = new(StringComparer.Ordinal);
    private readonly Dictionary<(int, long), MerkleHash> _nodes = [];
    private readonly List<LoginBatch> _batches = [];

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> AppendAsync(IReadOnlyList<LoginRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        lock (_gate)
        {
            foreach (var record in records)
            {
                if (_byChain.TryGetValue((record.Chain, record.Sequence), out var at) && _records[at].Record.Hash != record.Hash)
                {
                    return Task.FromException<IReadOnlyList<long>>(new InvalidOperationException(
                        $"Login chain '{record.Chain}' holds another record {record.Sequence} already: a chain never forks."));
                }
            }

            var positions = new List<long>(records.Count);
            foreach (var record in records)
            {
                if (_byChain.TryGetValue((record.Chain, record.Sequence), out var at))
                {
                    positions.Add(at);
                    continue;
                }

                _byChain[(record.Chain, record.Sequence)] = _records.Count;
                if (!_lastOfChain.TryGetValue(record.Chain, out var last) || _records[last].Record.Sequence < record.Sequence)
                {
                    _lastOfChain[record.Chain] = _records.Count;
                }

                positions.Add(_records.Count);
                _records.Add(new StoredLoginRecord(record, _records.Count));
            }

            return Task.FromResult<IReadOnlyList<long>>(positions);
        }
    }

    /// <inheritdoc />
    public Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult((long)_records.Count);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredLoginRecord>> ReadChainAsync(string chain, long fromSequence, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var found = new List<StoredLoginRecord>();
            for (var s = Math.Max(1, fromSequence); found.Count < limit && _byChain.TryGetValue((chain, s), out var at); s++)
            {
                found.Add(_records[at]);
            }

            return Task.FromResult<IReadOnlyList<StoredLoginRecord>>(found);
        }
    }

    /// <inheritdoc />
    public Task<StoredLoginRecord?> LastOfChainAsync(string chain, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_lastOfChain.TryGetValue(chain, out var at) ? _records[at] : null);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Hash32>> ReadHashesAsync(long from, int count, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var end = (int)Math.Min(_records.Count, from + count);
            return Task.FromResult<IReadOnlyList<Hash32>>([.. _records.Take(end).Skip((int)from).Select(r => r.Record.Hash)]);
        }
    }

    /// <inheritdoc />
    public Task<int> TombstoneAsync(string chain, long throughSequence, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var erased = 0;
            for (var sequence = 1L; sequence <= throughSequence; sequence++)
            {
                if (_byChain.TryGetValue((chain, sequence), out var at) && !_records[at].Record.Tombstone)
                {
                    _records[at] = _records[at] with { Record = _records[at].Record.Erased() };
                    erased++;
                }
            }

            return Task.FromResult(erased);
        }
    }

    /// <inheritdoc />
    public Task<int> TombstoneOlderThanAsync(long time, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var erased = 0;
            for (var i = 0; i < _records.Count; i++)
            {
                if (_records[i].Record.Time < time && !_records[i].Record.Tombstone)
                {
                    _records[i] = _records[i] with { Record = _records[i].Record.Erased() };
                    erased++;
                }
            }

            return Task.FromResult(erased);
        }
    }

    /// <inheritdoc />
    public Task<LoginBatch?> LastBatchAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_batches.LastOrDefault());
        }
    }

    /// <inheritdoc />
    public Task<LoginBatch?> GetBatchAsync(long batchId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(batchId >= 1 && batchId <= _batches.Count ? _batches[(int)batchId - 1] : null);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LoginBatch>> ListBatchesAsync(long? beforeId, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var before = beforeId ?? long.MaxValue;
            return Task.FromResult<IReadOnlyList<LoginBatch>>([.. _batches.Where(b => b.BatchId < before).Reverse().Take(limit)]);
        }
    }

    /// <inheritdoc />
    public Task<LoginBatch?> BatchHoldingAsync(long position, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_batches.FirstOrDefault(b => b.Size > position));
        }
    }

    /// <inheritdoc />
    public Task<bool> CommitBatchAsync(LoginBatch batch, IReadOnlyList<LoginTreeNode> nodes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(nodes);
        lock (_gate)
        {
            var lastSize = _batches.Count == 0 ? 0 : _batches[^1].Size;
            if (batch.BatchId != _batches.Count + 1 || batch.Size - batch.Records != lastSize)
            {
                return Task.FromResult(false);
            }

            _batches.Add(batch);
            foreach (var node in nodes)
            {
                _nodes.Add((node.Level, node.Index), node.Hash);
            }

            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<(int Level, long Index), MerkleHash>> ReadNodesAsync(
        IReadOnlyCollection<(int Level, long Index)> nodes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        lock (_gate)
        {
            var found = new Dictionary<(int, long), MerkleHash>();
            foreach (var (level, index) in nodes)
            {
                if (level == 0 && index < _records.Count)
                {
                    found[(0, index)] = LoginRecordHashing.LeafHashOf(_records[(int)index].Record.Hash);
                }
                else if (_nodes.TryGetValue((level, index), out var hash))
                {
                    found[(level, index)] = hash;
                }
            }

            return Task.FromResult<IReadOnlyDictionary<(int Level, long Index), MerkleHash>>(found);
        }
    }
}
