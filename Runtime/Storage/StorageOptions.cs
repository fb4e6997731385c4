namespace Actors.Runtime.Storage;

/// <summary>Where state, membership and reminders are stored. Bound from the <c>Storage</c> configuration section.</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Storage";

    /// <summary><c>sqlite</c> (the embedded default) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>The SQLite data folder; the database is <c>actors.db</c> inside it. Default <c>./data</c>.</summary>
    public string Path { get; set; } = "./data";

    /// <summary>The PostgreSQL connection string, required when <see cref="Provider"/> is <c>postgres</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The most writes committed in one transaction. Default 1,000.</summary>
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>How many batches may commit at once. Default 1 for SQLite (one writer) and 4 for PostgreSQL.</summary>
    public int? MaxConcurrentBatches { get; set; }

    /// <summary>How many writes may wait for a batch before writers wait for room. Default 100,000.</summary>
    public int MaxPendingWrites { get; set; } = 100_000;
}
