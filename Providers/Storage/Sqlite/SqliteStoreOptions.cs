namespace Actors.Providers.Storage.Sqlite;

/// <summary>Where a <see cref="SqliteStateStore"/> keeps its file, and how it waits for other writers.</summary>
internal sealed class SqliteStoreOptions
{
    /// <summary>The file name <see cref="InFolder"/> uses.</summary>
    public const string DefaultFileName = "actors.db";

    /// <summary>Full path of the database file. Required; the file is created when missing, its folder must exist.</summary>
    public string DatabasePath { get; init; } = "";

    /// <summary>
    /// How long a statement waits for a lock held by another connection or process before it fails. Default 30 seconds.
    /// Silo processes that share one file take turns writing, so this bounds how long one waits for the others.
    /// </summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many idle read connections are kept open for reuse. Default 8.</summary>
    public int MaxIdleReaders { get; init; } = 8;

    /// <summary>Options for <see cref="DefaultFileName"/> in <paramref name="folder"/>, creating the folder when missing.</summary>
    public static SqliteStoreOptions InFolder(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Directory.CreateDirectory(folder);
        return new SqliteStoreOptions { DatabasePath = Path.Combine(Path.GetFullPath(folder), DefaultFileName) };
    }

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DatabasePath))
        {
            throw new ArgumentException("The SQLite database path is required.", nameof(DatabasePath));
        }

        if (BusyTimeout < TimeSpan.FromMilliseconds(1) || BusyTimeout > TimeSpan.FromDays(1))
        {
            throw new ArgumentException("The SQLite busy timeout must be between 1 ms and 1 day.", nameof(BusyTimeout));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(MaxIdleReaders);
    }
}
