using Microsoft.Data.Sqlite;

namespace Actors.Providers.Storage;

/// <summary>
/// Turns database errors into <see cref="StorageUnavailableException"/>s with one wording for every store of the providers
/// (grain state, membership, reminders), so logs read the same whichever store failed.
/// </summary>
internal static class StorageFailure
{
    /// <summary>Whether the exception comes from SQLite or the file system under it, rather than from a bug or a cancellation.</summary>
    public static bool IsSqlite(Exception exception) => exception is SqliteException or IOException;

    /// <summary>A failure of the SQLite database at <paramref name="databasePath"/>; <paramref name="doing"/> is "write to", say.</summary>
    public static StorageUnavailableException Sqlite(string databasePath, string doing, Exception inner) =>
        new($"Could not {doing} the SQLite database '{databasePath}': {inner.Message}", inner);

    /// <summary>A failure of the PostgreSQL database; the connection string is left out because it may hold a password.</summary>
    public static StorageUnavailableException Postgres(string doing, Exception inner) =>
        new($"Could not {doing} the PostgreSQL database: {inner.Message}", inner);
}
