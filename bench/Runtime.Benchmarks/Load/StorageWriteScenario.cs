using System.Globalization;
using Actors.Runtime.Benchmarks.Grains;
using Actors.Runtime.Storage;
using Actors.Runtime.Testing;
using Actors.Runtime.Testing.Postgres;

namespace Actors.Runtime.Benchmarks.Load;

/// <summary>
/// Grain state writes per second: each caller owns a grain and writes its state in a closed loop. The baseline is the same
/// load with group commit turned off (one write per transaction), measured in the same run on the same database.
/// </summary>
public static class StorageWriteScenario
{
    public static async Task<IReadOnlyList<LoadResult>> RunAsync(LoadSettings settings)
    {
        var results = new List<LoadResult>();
        for (var run = 0; run < settings.Runs; run++)
        {
            results.Add(await MeasureAsync(settings, batchSize: 1, $"{settings.Provider}-one-per-txn x{settings.Callers}"));
            results.Add(await MeasureAsync(settings, batchSize: 1000, $"{settings.Provider}-group-commit x{settings.Callers}"));
        }

        return results;
    }

    private static async Task<LoadResult> MeasureAsync(LoadSettings settings, int batchSize, string name)
    {
        var folder = Directory.CreateTempSubdirectory("bench-storage-");
        IGrainStorage? storage = null;
        try
        {
            var options = new StorageOptions { Provider = settings.Provider, Path = folder.FullName, MaxBatchSize = batchSize };
            if (settings.Provider == "postgres")
            {
                options.ConnectionString = await PostgresServer.Shared.CreateDatabaseAsync($"bench_{Guid.NewGuid():N}");
            }

            storage = GrainStorageFactory.Create(options);
            var config = new Dictionary<string, string?> { ["Storage:MaxBatchSize"] = batchSize.ToString(CultureInfo.InvariantCulture) };
            await using var silo = await TestSilo.StartAsync(storage, settings: config);
            var grains = Enumerable.Range(0, settings.Callers).Select(i => silo.GrainFactory.GetGrain<IWriterGrain>($"w-{i}")).ToArray();
            var version = 0L;
            return await ClosedLoopLoad.RunAsync(name, settings.Callers, settings.Warmup, settings.Duration,
                i => () => grains[i].Write(Interlocked.Increment(ref version)));
        }
        finally
        {
            // The silo does not own the provider it was given: close its connections before the next run opens more.
            if (storage is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }

            folder.Delete(recursive: true);
        }
    }
}
