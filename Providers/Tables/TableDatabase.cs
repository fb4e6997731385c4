using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace Actors.Providers.Tables;

/// <summary>
/// The database of the membership and reminder tables. Every call gets its own connection (from a pool) and one transaction;
/// what the operation did not commit is rolled back when the transaction is disposed, and database errors become
/// <see cref="Storage.StorageUnavailableException"/>.
/// </summary>
internal abstract class TableDatabase : IAsyncDisposable, IDisposable
{
    /// <summary>The store's name for logs: "sqlite" or "postgres".</summary>
    public abstract string Store { get; }

    /// <summary>The SQL function giving the larger of two values: <c>GREATEST</c> in PostgreSQL, <c>max</c> in SQLite.</summary>
    public abstract string Greatest { get; }

    /// <summary>Applies the missing schema migrations; safe when several silos start at once.</summary>
    public abstract Task MigrateAsync(ILogger logger, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="operation"/> in a new transaction. A writer's transaction queues behind other writers of the database,
    /// so a compare-and-swap in it sees the last committed rows; a reader's transaction reads one snapshot.
    /// </summary>
    /// <param name="write">Whether the operation writes.</param>
    /// <param name="doing">What failed, for the error message: "read membership from", for example.</param>
    /// <param name="operation">The operation, given the open transaction; it commits when it changed what it meant to.</param>
    /// <param name="cancellationToken">Cancels opening the connection and the operation.</param>
    public abstract Task<T> RunAsync<T>(
        bool write, string doing, Func<DbTransaction, Task<T>> operation, CancellationToken cancellationToken);

    /// <summary>Closes the connection pool, if the database has one.</summary>
    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Closes the connection pool, if the database has one; for a service provider disposed synchronously.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
