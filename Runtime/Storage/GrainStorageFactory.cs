using Actors.Runtime.Storage.Postgres;
using Actors.Runtime.Storage.Sqlite;

namespace Actors.Runtime.Storage;

/// <summary>Builds the storage provider that <see cref="StorageOptions.Provider"/> names.</summary>
public static class GrainStorageFactory
{
    /// <summary>The provider names understood.</summary>
    public static IReadOnlyList<string> Providers { get; } = ["sqlite", "postgres", "memory"];

    /// <summary>Returns an error naming the bad field, or null when the options are usable.</summary>
    public static string? Validate(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Providers.Contains(options.Provider, StringComparer.OrdinalIgnoreCase))
        {
            return $"Storage:Provider '{options.Provider}' is not one of {string.Join(", ", Providers)}.";
        }

        if (IsProvider(options, "postgres") && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return "Storage:ConnectionString is required when Storage:Provider is postgres.";
        }

        if (IsProvider(options, "sqlite") && string.IsNullOrWhiteSpace(options.Path))
        {
            return "Storage:Path must name a folder when Storage:Provider is sqlite.";
        }

        if (options.MaxBatchSize is < 1 or > 10_000)
        {
            return "Storage:MaxBatchSize must be between 1 and 10000.";
        }

        if (options.MaxConcurrentBatches is < 1 or > 64)
        {
            return "Storage:MaxConcurrentBatches must be between 1 and 64.";
        }

        return options.MaxPendingWrites < options.MaxBatchSize ? "Storage:MaxPendingWrites must be at least Storage:MaxBatchSize." : null;
    }

    /// <summary>Creates the provider; the caller owns it (dispose it if it is disposable).</summary>
    public static IGrainStorage Create(StorageOptions options)
    {
        if (Validate(options) is { } error)
        {
            throw new ArgumentException(error, nameof(options));
        }

        return options.Provider.ToLowerInvariant() switch
        {
            "postgres" => new PostgresGrainStorage(new PostgresStorageOptions { ConnectionString = options.ConnectionString! }),
            "memory" => new MemoryGrainStorage(),
            _ => new SqliteGrainStorage(SqliteStorageOptions.InFolder(options.Path)),
        };
    }

    private static bool IsProvider(StorageOptions options, string name) => string.Equals(options.Provider, name, StringComparison.OrdinalIgnoreCase);
}
