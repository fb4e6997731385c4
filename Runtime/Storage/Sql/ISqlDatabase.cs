using System.Data.Common;

namespace Actors.Runtime.Storage.Sql;

/// <summary>How one SQL database runs an operation of a store: on which connection, in which kind of transaction, with which errors mapped.</summary>
internal interface ISqlDatabase
{
    /// <summary>
    /// Opens a connection and a transaction, runs <paramref name="operation"/> in it and disposes both (rolling back what was not
    /// committed). A provider error becomes a <see cref="StorageException"/> saying it could not <paramref name="doing"/> the database.
    /// </summary>
    /// <param name="write">Whether the operation writes: the transaction must then queue behind other writers of the database.</param>
    /// <param name="doing">What failed, for the error message: "read membership from", for example.</param>
    /// <param name="operation">The operation, given the open transaction.</param>
    /// <param name="cancellationToken">Cancels opening the connection and the operation.</param>
    Task<T> RunAsync<T>(bool write, string doing, Func<DbTransaction, Task<T>> operation, CancellationToken cancellationToken);
}
