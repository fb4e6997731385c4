using System.Diagnostics.Metrics;
using Actors.Providers.Hosting;
using Actors.Providers.Storage.Memory;
using Actors.Providers.Storage.Postgres;
using Actors.Providers.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Serialization.Serializers;

namespace Actors.Providers.Storage;

/// <summary>Builds the grain storage that <see cref="StorageOptions.Provider"/> names, from a silo's services.</summary>
internal static class GrainStorageFactory
{
    /// <summary>Creates the storage named <paramref name="name"/>; the service provider owns and disposes it.</summary>
    /// <exception cref="OptionsValidationException">The <c>Storage</c> section is not valid.</exception>
    /// <exception cref="StorageUnavailableException">The SQLite folder could not be created.</exception>
    public static GrainStateStorage Create(IServiceProvider services, string name)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var logger = (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<GrainStateStorage>();
        var activators = services.GetService<IActivatorProvider>();
        if (options.Is(StorageOptions.Memory))
        {
            return new GrainStateStorage(name, new MemoryStateStore(), committer: null, activators, logger);
        }

        IStateStore store = options.Is(StorageOptions.Postgres)
            ? new PostgresStateStore(options.ConnectionString!, logger)
            : new SqliteStateStore(SqliteIn(options.Path), logger);
        var metrics = new StorageMetrics(services.GetService<IMeterFactory>());
        var committer = new GroupCommitter(
            store, options.MaxBatchSize, options.ConcurrentBatches, options.MaxPendingWrites, metrics, logger);
        return new GrainStateStorage(name, store, committer, activators, logger, metrics);
    }

    private static SqliteStoreOptions SqliteIn(string folder)
    {
        try
        {
            return SqliteStoreOptions.InFolder(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageUnavailableException($"Could not create the SQLite data folder '{folder}' (Storage:Path): {ex.Message}", ex);
        }
    }
}
