namespace Actors.Providers.Hosting;

/// <summary>
/// Where grain state, membership and reminders are stored, bound from the <c>Storage</c> configuration section and validated when
/// the silo starts.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Storage";

    /// <summary>The SQLite provider: one file under <see cref="Path"/>, no server. The default.</summary>
    public const string Sqlite = "sqlite";

    /// <summary>The PostgreSQL provider, for clusters: <see cref="ConnectionString"/> names the database.</summary>
    public const string Postgres = "postgres";

    /// <summary>The in-process provider, for tests and benchmarks: nothing outlives the process.</summary>
    public const string Memory = "memory";

    /// <summary>The provider names understood, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> Providers { get; } = [Sqlite, Postgres, Memory];

    /// <summary><c>sqlite</c> (default), <c>postgres</c> or <c>memory</c>; case does not matter.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>The SQLite data folder, created when missing; the database is <c>actors.db</c> inside it. Default <c>./data</c>.</summary>
    public string Path { get; set; } = "./data";

    /// <summary>The PostgreSQL connection string, required when <see cref="Provider"/> is <c>postgres</c>. Never logged.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The most writes committed in one transaction, 1 to 10,000. Default 1,000.</summary>
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>
    /// How many batches may commit at once, 1 to 64. Default (null) 1 for SQLite, whose file has one writer, and 4 for PostgreSQL.
    /// </summary>
    public int? MaxConcurrentBatches { get; set; }

    /// <summary>
    /// How many writes may wait for a batch before writers wait for room; at least <see cref="MaxBatchSize"/>. Default 100,000.
    /// </summary>
    public int MaxPendingWrites { get; set; } = 100_000;

    /// <summary>Whether <see cref="Provider"/> names the given provider, ignoring case.</summary>
    public bool Is(string provider) => string.Equals(Provider, provider, StringComparison.OrdinalIgnoreCase);

    /// <summary><see cref="MaxConcurrentBatches"/>, or the provider's default when it is not set.</summary>
    public int ConcurrentBatches => MaxConcurrentBatches ?? (Is(Postgres) ? 4 : 1);
}
