using System.Data.Common;
using Actors.Domain.Ethereum;
using Actors.Domain.Logins;
using Actors.Domain.Merkle;
using Actors.Providers.Tables;
using Microsoft.Extensions.Logging;
using static Actors.Providers.Tables.TableCommands;

namespace Actors.Providers.Logins;

/// <summary>
/// The login log in the providers' SQLite or PostgreSQL database. Appends of many grains at once share one transaction (group
/// commit), each answered after it committed. A record's position is taken inside the append's transaction while the
/// database serializes writers of the log (SQLite's write lock; in PostgreSQL an EXCLUSIVE lock on the table, which readers
/// pass), so positions follow commit order without a gap and a batch never skips a record that commits late.
/// </summary>
internal sealed class SqlLoginRecordStore(TableDatabase database, ILogger logger) : ILoginRecordStore
{
    private readonly Lazy<Task> _schema = new(() => database.MigrateAsync(logger, CancellationToken.None));
    private const int MaxAppendsPerTransaction = 2_000;
    private readonly Lock _gate = new();
    private readonly List<PendingAppend> _queue = [];
    private bool _writing;

    private bool IsPostgres => database.Store == "postgres";

    // Every call first makes sure the schema is migrated (once per store; several silos migrating at once are safe).
    private async Task<T> RunAsync<T>(bool write, string doing, Func<DbTransaction, Task<T>> operation, CancellationToken cancellationToken)
    {
        await _schema.Value.WaitAsync(cancellationToken);
        return await database.RunAsync(write, doing, async t =>
        {
            if (write)
            {
                await SecureDeleteAsync(t); // every writer, so that no page a split or a tombstone frees keeps a payload
            }

            return await operation(t);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> AppendAsync(IReadOnlyList<LoginRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<long>>([]);
        }

        var pending = new PendingAppend(records);
        bool start;
        lock (_gate)
        {
            _queue.Add(pending);
            start = !_writing;
            _writing = true;
        }

        if (start)
        {
            _ = Task.Run(WriteQueuedAsync, CancellationToken.None);
        }

        return pending.Answer.Task;
    }

    // Takes whatever queued meanwhile, writes it in one transaction, and goes on until the queue is empty.
    private async Task WriteQueuedAsync()
    {
        while (true)
        {
            List<PendingAppend> batch;
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _writing = false;
                    return;
                }

                var take = 0;
                var records = 0;
                while (take < _queue.Count && (take == 0 || records + _queue[take].Records.Count <= MaxAppendsPerTransaction))
                {
                    records += _queue[take].Records.Count;
                    take++;
                }

                batch = _queue.GetRange(0, take);
                _queue.RemoveRange(0, take);
            }

            try
            {
                await RunAsync(write: true, "append to the login log in", t => AppendAsync(t, batch), CancellationToken.None);
                foreach (var pending in batch)
                {
                    pending.Complete();
                }
            }
            catch (Exception error)
            {
                foreach (var pending in batch)
                {
                    pending.Answer.TrySetException(error);
                }
            }
        }
    }

    private async Task<bool> AppendAsync(DbTransaction transaction, List<PendingAppend> batch)
    {
        if (IsPostgres)
        {
            await using var lockTable = Command(transaction, "LOCK TABLE login_records IN EXCLUSIVE MODE");
            await lockTable.ExecuteNonQueryAsync();
        }

        await using var next = Command(transaction, "SELECT COALESCE(MAX(position), -1) + 1 FROM login_records");
        var position = Convert.ToInt64(await next.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await using var find = Command(transaction, "SELECT position, hash FROM login_records WHERE chain = @chain AND sequence = @sequence");
        Add(find, "chain", "");
        Add(find, "sequence", 0L);
        await using var insert = Command(transaction, """
            INSERT INTO login_records (position, chain, sequence, time, header, payload, hash)
            VALUES (@position, @chain, @sequence, @time, @header, @payload, @hash)
            """);
        Add(insert, "position", 0L);
        Add(insert, "chain", "");
        Add(insert, "sequence", 0L);
        Add(insert, "time", 0L);
        Add(insert, "header", "");
        Add(insert, "payload", (string?)null);
        Add(insert, "hash", Array.Empty<byte>());
        foreach (var pending in batch)
        {
            // A call's records go in together or not at all: each one stored already answers its position, and one whose
            // place holds another record refuses the whole call before anything of it is inserted.
            var stored = new long?[pending.Records.Count];
            for (var i = 0; i < pending.Records.Count; i++)
            {
                var record = pending.Records[i];
                Set(find, "chain", record.Chain);
                Set(find, "sequence", record.Sequence);
                await using var reader = await find.ExecuteReaderAsync();
                if (await reader.ReadAsync())
                {
                    stored[i] = reader.GetFieldValue<byte[]>(1).AsSpan().SequenceEqual(record.Hash.AsSpan()) ? reader.GetInt64(0) : -1;
                }
            }

            if (Array.IndexOf(stored, -1L) is var forked and >= 0)
            {
                pending.Forked = forked;
                continue;
            }

            for (var i = 0; i < pending.Records.Count; i++)
            {
                var record = pending.Records[i];
                if (stored[i] is { } at)
                {
                    pending.Positions.Add(at);
                    continue;
                }

                Set(insert, "position", position);
                Set(insert, "chain", record.Chain);
                Set(insert, "sequence", record.Sequence);
                Set(insert, "time", record.Time);
                Set(insert, "header", LoginRowJson.Header(record));
                Set(insert, "payload", LoginRowJson.Payload(record));
                Set(insert, "hash", record.Hash.ToArray());
                await insert.ExecuteNonQueryAsync();
                pending.Positions.Add(position++);
            }
        }

        await transaction.CommitAsync(CancellationToken.None);
        return true;
    }

    /// <inheritdoc />
    public Task<long> CountAsync(CancellationToken cancellationToken = default) =>
        RunAsync(write: false, "count the login log in", async t =>
        {
            await using var command = Command(t, "SELECT COALESCE(MAX(position), -1) + 1 FROM login_records");
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredLoginRecord>> ReadChainAsync(string chain, long fromSequence, int limit, CancellationToken cancellationToken = default) =>
        RunAsync(write: false, "read a login chain from", async t =>
        {
            await using var command = Command(t, """
                SELECT sequence, time, header, payload, hash, position FROM login_records
                WHERE chain = @chain AND sequence >= @from ORDER BY sequence LIMIT @limit
                """);
            Add(command, "chain", chain);
            Add(command, "from", fromSequence);
            Add(command, "limit", limit);
            return await ReadRecordsAsync(command, chain, cancellationToken);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<StoredLoginRecord?> LastOfChainAsync(string chain, CancellationToken cancellationToken = default) =>
        RunAsync(write: false, "read a login chain from", async t =>
        {
            await using var command = Command(t, """
                SELECT sequence, time, header, payload, hash, position FROM login_records
                WHERE chain = @chain ORDER BY sequence DESC LIMIT 1
                """);
            Add(command, "chain", chain);
            return (await ReadRecordsAsync(command, chain, cancellationToken)).FirstOrDefault();
        }, cancellationToken);

    private static async Task<IReadOnlyList<StoredLoginRecord>> ReadRecordsAsync(DbCommand command, string chain, CancellationToken cancellationToken)
    {
        var records = new List<StoredLoginRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var record = LoginRowJson.Read(
                chain, reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetFieldValue<byte[]>(4));
            records.Add(new StoredLoginRecord(record, reader.GetInt64(5)));
        }

        return records;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Hash32>> ReadHashesAsync(long from, int count, CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<Hash32>>(write: false, "read login record hashes from", async t =>
        {
            await using var command = Command(t, "SELECT hash FROM login_records WHERE position >= @from AND position < @end ORDER BY position");
            Add(command, "from", from);
            Add(command, "end", from + count);
            var hashes = new List<Hash32>(count);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                hashes.Add(Hash32.FromBytes(reader.GetFieldValue<byte[]>(0)));
            }

            return hashes;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<int> TombstoneAsync(string chain, long throughSequence, CancellationToken cancellationToken = default) =>
        TombstoneWhereAsync("chain = @chain AND sequence <= @through", c =>
        {
            Add(c, "chain", chain);
            Add(c, "through", throughSequence);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<int> TombstoneOlderThanAsync(long time, CancellationToken cancellationToken = default) =>
        TombstoneWhereAsync("time < @time", c => Add(c, "time", time), cancellationToken);

    // The one change a record's row may take: its payload dropped.
    private Task<int> TombstoneWhereAsync(string condition, Action<DbCommand> bind, CancellationToken cancellationToken) =>
        RunAsync(write: true, "erase login records in", async t =>
        {
            await using var command = Command(t, $"UPDATE login_records SET payload = NULL WHERE {condition} AND payload IS NOT NULL");
            bind(command);
            var erased = await command.ExecuteNonQueryAsync(cancellationToken);
            var connection = t.Connection!;
            await t.CommitAsync(CancellationToken.None);
            await CheckpointAsync(connection);
            return erased;
        }, cancellationToken);

    // SQLite's write-ahead log still holds the pages as they were before the tombstone until a checkpoint copies the log into
    // the file and truncates it: done at once after an erasure, so the payload is gone from both files (a checkpoint that a
    // reader holds back finishes at the next erasure or the next automatic one).
    private async Task CheckpointAsync(DbConnection connection)
    {
        if (!IsPostgres)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await command.ExecuteNonQueryAsync();
        }
    }

    // SQLite overwrites the pages a tombstone frees, so an erased payload is not left in the file's free space.
    private async Task SecureDeleteAsync(DbTransaction transaction)
    {
        if (!IsPostgres)
        {
            await using var command = Command(transaction, "PRAGMA secure_delete = ON");
            await command.ExecuteNonQueryAsync();
        }
    }

    private const string BatchColumns = "SELECT batch_id, size, records, root, created_at FROM login_batches";

    /// <inheritdoc />
    public Task<LoginBatch?> LastBatchAsync(CancellationToken cancellationToken = default) =>
        ReadBatchAsync($"{BatchColumns} ORDER BY batch_id DESC LIMIT 1", null, 0, cancellationToken);

    /// <inheritdoc />
    public Task<LoginBatch?> GetBatchAsync(long batchId, CancellationToken cancellationToken = default) =>
        ReadBatchAsync($"{BatchColumns} WHERE batch_id = @value", "value", batchId, cancellationToken);

    /// <inheritdoc />
    public Task<LoginBatch?> BatchHoldingAsync(long position, CancellationToken cancellationToken = default) =>
        ReadBatchAsync($"{BatchColumns} WHERE size > @value ORDER BY size LIMIT 1", "value", position, cancellationToken);

    private async Task<LoginBatch?> ReadBatchAsync(string sql, string? parameter, long value, CancellationToken cancellationToken) =>
        (await RunAsync(write: false, "read login batches from", async t =>
        {
            await using var command = Command(t, sql);
            if (parameter is not null)
            {
                Add(command, parameter, value);
            }

            return await ReadBatchesAsync(command, cancellationToken);
        }, cancellationToken)).FirstOrDefault();

    /// <inheritdoc />
    public Task<IReadOnlyList<LoginBatch>> ListBatchesAsync(long? beforeId, int limit, CancellationToken cancellationToken = default) =>
        RunAsync(write: false, "read login batches from", async t =>
        {
            await using var command = Command(t, $"{BatchColumns} WHERE batch_id < @before ORDER BY batch_id DESC LIMIT @limit");
            Add(command, "before", beforeId ?? long.MaxValue);
            Add(command, "limit", limit);
            return await ReadBatchesAsync(command, cancellationToken);
        }, cancellationToken);

    private static async Task<IReadOnlyList<LoginBatch>> ReadBatchesAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var batches = new List<LoginBatch>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            batches.Add(new LoginBatch(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), MerkleHash.FromBytes(reader.GetFieldValue<byte[]>(3)), reader.GetInt64(4)));
        }

        return batches;
    }

    /// <inheritdoc />
    public Task<bool> CommitBatchAsync(LoginBatch batch, IReadOnlyList<LoginTreeNode> nodes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(nodes);
        return RunAsync(write: true, "publish a login batch in", async t =>
        {
            if (IsPostgres)
            {
                await using var lockTable = Command(t, "LOCK TABLE login_batches IN EXCLUSIVE MODE");
                await lockTable.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var last = Command(t, "SELECT batch_id, size FROM login_batches ORDER BY batch_id DESC LIMIT 1"))
            await using (var reader = await last.ExecuteReaderAsync(cancellationToken))
            {
                var (lastId, lastSize) = await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetInt64(1)) : (0L, 0L);
                if (batch.BatchId != lastId + 1 || batch.Size - batch.Records != lastSize)
                {
                    return false;
                }
            }

            await using var insertBatch = Command(t, """
                INSERT INTO login_batches (batch_id, size, records, root, created_at) VALUES (@id, @size, @records, @root, @createdAt)
                """);
            Add(insertBatch, "id", batch.BatchId);
            Add(insertBatch, "size", batch.Size);
            Add(insertBatch, "records", batch.Records);
            Add(insertBatch, "root", batch.Root.Bytes.ToArray());
            Add(insertBatch, "createdAt", batch.CreatedAt);
            await insertBatch.ExecuteNonQueryAsync(cancellationToken);
            await using var insertNode = Command(t, "INSERT INTO login_tree_nodes (level, idx, hash) VALUES (@level, @idx, @hash)");
            Add(insertNode, "level", 0);
            Add(insertNode, "idx", 0L);
            Add(insertNode, "hash", Array.Empty<byte>());
            foreach (var node in nodes)
            {
                Set(insertNode, "level", node.Level);
                Set(insertNode, "idx", node.Index);
                Set(insertNode, "hash", node.Hash.Bytes.ToArray());
                await insertNode.ExecuteNonQueryAsync(cancellationToken);
            }

            await t.CommitAsync(CancellationToken.None);
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<(int Level, long Index), MerkleHash>> ReadNodesAsync(
        IReadOnlyCollection<(int Level, long Index)> nodes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        return RunAsync<IReadOnlyDictionary<(int, long), MerkleHash>>(write: false, "read the login tree from", async t =>
        {
            var found = new Dictionary<(int, long), MerkleHash>();
            await using var leaf = Command(t, "SELECT hash FROM login_records WHERE position = @idx");
            Add(leaf, "idx", 0L);
            await using var node = Command(t, "SELECT hash FROM login_tree_nodes WHERE level = @level AND idx = @idx");
            Add(node, "level", 0);
            Add(node, "idx", 0L);
            foreach (var (level, index) in nodes)
            {
                var command = level == 0 ? leaf : node;
                Set(command, "idx", index);
                if (level > 0)
                {
                    Set(node, "level", level);
                }

                if (await command.ExecuteScalarAsync(cancellationToken) is byte[] hash)
                {
                    found[(level, index)] = level == 0 ? LoginRecordHashing.LeafHashOf(Hash32.FromBytes(hash)) : MerkleHash.FromBytes(hash);
                }
            }

            return found;
        }, cancellationToken);
    }

    private sealed class PendingAppend(IReadOnlyList<LoginRecord> records)
    {
        public IReadOnlyList<LoginRecord> Records { get; } = records;

        public List<long> Positions { get; } = new(records.Count);

        public TaskCompletionSource<IReadOnlyList<long>> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The index of a record whose place holds another record; the call was refused.</summary>
        public int Forked { get; set; } = -1;

        public void Complete()
        {
            if (Forked >= 0)
            {
                var record = Records[Forked];
                Answer.TrySetException(new InvalidOperationException(
                    $"Login chain '{record.Chain}' holds another record {record.Sequence} already: a chain never forks."));
                return;
            }

            Answer.TrySetResult(Positions);
        }
    }
}
