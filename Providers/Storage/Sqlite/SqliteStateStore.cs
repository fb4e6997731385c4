using System.Collections.Concurrent;
using Actors.Providers.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Actors.Providers.Storage.Sqlite;

/// <summary>
/// State records in a SQLite file: the embedded default. Reads run on pooled read connections in parallel; write batches run one
/// at a time on a dedicated write connection, each in one transaction that is on disk before the call returns. Several silo
/// processes on one machine may share the file: their write transactions take turns.
/// </summary>
/// <remarks>Microsoft.Data.Sqlite executes synchronously, so the asynchronous methods complete on the calling thread.</remarks>
internal sealed class SqliteStateStore : IStateStore, IDisposable
{
    private readonly SqliteStoreOptions _options;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<Migration> _migrations;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentBag<SqliteStateReader> _idleReaders = [];
    private SqliteStateWriter? _writer;

    /// <summary>Creates the store; nothing is opened until <see cref="InitializeAsync"/>.</summary>
    public SqliteStateStore(SqliteStoreOptions options, ILogger? logger = null, IReadOnlyList<Migration>? migrations = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _migrations = migrations ?? SchemaMigrations.All;
    }

    public string Name => "sqlite";

    /// <summary>The database file.</summary>
    public string DatabasePath => _options.DatabasePath;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            RunOnWriter(
                writer =>
                {
                    SqliteMigrator.Apply(writer.Connection, _migrations, _logger);
                    return true;
                },
                "migrate the schema of");
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task<StoredState?> ReadAsync(StateKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        SqliteStateReader? reader = null;
        try
        {
            if (!_idleReaders.TryTake(out reader))
            {
                reader = new SqliteStateReader(SqliteConnections.Open(_options));
            }

            var state = reader.Read(key);
            if (_idleReaders.Count < _options.MaxIdleReaders)
            {
                _idleReaders.Add(reader);
                reader = null;
            }

            return Task.FromResult(state);
        }
        catch (Exception ex) when (StorageFailure.IsSqlite(ex))
        {
            throw StorageFailure.Sqlite(_options.DatabasePath, "read from", ex);
        }
        finally
        {
            reader?.Dispose();
        }
    }

    public async Task WriteBatchAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (writes.Count == 0)
        {
            return;
        }

        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            WriteOutcomes.Mark(writes, RunOnWriter(writer => writer.Apply(writes), "write to"));
        }
        catch
        {
            WriteOutcomes.Reset(writes);
            throw;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<int> DeleteUnchangedSinceAsync(string grainType, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            return RunOnWriter(writer => writer.DeleteUnchangedSince(grainType, cutoff), "delete from");
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Closes the database connections. Call when no read or write is running.</summary>
    public void Dispose()
    {
        _writer?.Dispose();
        _writer = null;
        while (_idleReaders.TryTake(out var reader))
        {
            reader.Dispose();
        }

        _writeLock.Dispose();
    }

    // Runs under _writeLock. A failure closes the write connection, which rolls back whatever transaction it had open.
    private T RunOnWriter<T>(Func<SqliteStateWriter, T> action, string doing)
    {
        try
        {
            _writer ??= new SqliteStateWriter(SqliteConnections.Open(_options));
            return action(_writer);
        }
        catch (Exception ex)
        {
            _writer?.Dispose();
            _writer = null;
            if (StorageFailure.IsSqlite(ex))
            {
                throw StorageFailure.Sqlite(_options.DatabasePath, doing, ex);
            }

            throw;
        }
    }
}
