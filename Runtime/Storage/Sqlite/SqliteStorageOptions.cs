namespace Actors.Runtime.Storage.Sqlite;

/// <summary>Settings of <see cref="SqliteGrainStorage"/>.</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>The file name <see cref="InFolder"/> uses.</summary>
    public const string DefaultFileName = "actors.db";

    /// <summary>Full path of the database file. Required; the file is created when missing, its folder must exist.</summary>
    public string DatabasePath { get; set; } = "";

    /// <summary>
    /// How long a statement waits for a lock held by another connection or process before it fails. Default 30 seconds.
    /// Silo processes that share one file take turns writing, so this bounds how long one waits for the others.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many idle read connections are kept open for reuse. Default 8.</summary>
    public int MaxIdleReaders { get; set; } = 8;

    /// <summary>Options for <see cref="DefaultFileName"/> in <paramref name="folder"/>, creating the folder when missing.</summary>
    public static SqliteStorageOptions InFolder(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Directory.CreateDirectory(folder);
        return new SqliteStorageOptions { DatabasePath = Path.Combine(Path.GetFullPath(folder), DefaultFileName) };
    }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(DatabasePath))
        {
            throw new ArgumentException("SqliteStorageOptions.DatabasePath is required.", nameof(DatabasePath));
        }

        if (BusyTimeout < TimeSpan.FromMilliseconds(1) || BusyTimeout > TimeSpan.FromDays(1))
        {
            throw new ArgumentException("SqliteStorageOptions.BusyTimeout must be between 1 ms and 1 day.", nameof(BusyTimeout));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(MaxIdleReaders);
    }
}
