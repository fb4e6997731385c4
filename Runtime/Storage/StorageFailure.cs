using Microsoft.Data.Sqlite;

namespace Actors.Runtime.Storage;

/// <summary>
/// Turns provider errors into <see cref="StorageException"/>s with one wording for every SQL store of the runtime (grain state,
/// membership), so logs read the same whichever store failed.
/// </summary>
internal static class StorageFailure
{
    /// <summary>Whether the exception comes from SQLite or the file system under it, rather than from a bug or a cancellation.</summary>
    public static bool IsSqlite(Exception exception) => exception is SqliteException or IOException;

    /// <summary>A failure of the SQLite database at <paramref name="databasePath"/>; <paramref name="doing"/> is "write to", say.</summary>
    public static StorageException Sqlite(string databasePath, string doing, Exception inner) =>
        new($"Could not {doing} the SQLite database '{databasePath}': {inner.Message}", inner);

    /// <summary>A failure of the PostgreSQL database; the connection string is left out because it may hold a password.</summary>
    public static StorageException Postgres(string doing, Exception inner) =>
        new($"Could not {doing} the PostgreSQL database: {inner.Message}", inner);
}
