using System.Globalization;
using Actors.Benchmarks.Grains;
using Actors.Benchmarks.Hosting;
using Actors.Benchmarks.Load;
using Actors.Providers.Hosting;
using Actors.Testing.Postgres;
using Orleans.Persistence;
using StackExchange.Redis;

namespace Actors.Benchmarks.Storage;

/// <summary>
/// Grain state writes per second: each caller owns a <see cref="WriterGrain"/> and writes its state in a closed loop, each
/// write answered once durable. For SQLite and PostgreSQL, the providers' group commit against the same load with
/// <c>Storage:MaxBatchSize=1</c> (one write per transaction) on the same kind of database in the same run; for Redis, Orleans's
/// Redis persistence on a private redis-server with its append-only file fsynced before each answer (<c>always</c>, durable
/// like the SQL rows) and once a second (<c>everysec</c>: an acknowledged write may be lost). Every measurement starts a
/// fresh silo on a fresh database.
/// </summary>
internal static class StorageWriteScenario
{
    public static readonly string[] Known = ["sqlite", "postgres", "redis"];

    public static async Task<IReadOnlyList<LoadResult>> RunAsync(LoadSettings settings)
    {
        var providers = settings.Provider.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (providers.Length == 0 || providers.Except(Known).FirstOrDefault() is { } unknown)
        {
            throw new ArgumentException($"--provider takes {string.Join(", ", Known)}, or several separated by commas.");
        }

        var results = new List<LoadResult>();
        for (var run = 0; run < settings.Runs; run++)
        {
            foreach (var provider in providers)
            {
                if (provider == "redis")
                {
                    results.Add(await MeasureRedisAsync(settings, "always"));
                    results.Add(await MeasureRedisAsync(settings, "everysec"));
                }
                else
                {
                    results.Add(await MeasureActorsAsync(settings, provider, batchSize: 1));
                    results.Add(await MeasureActorsAsync(settings, provider, batchSize: 1000));
                }

                Console.WriteLine("  " + results[^2]);
                Console.WriteLine("  " + results[^1]);
            }
        }

        return results;
    }

    public static string Name(string provider, int batchSize, int callers) =>
        $"{provider} {(batchSize == 1 ? "one write per txn" : "group commit")} x{callers:N0}";

    public static string RedisName(string appendFsync, int callers) => $"redis aof fsync {appendFsync} x{callers:N0}";

    private static async Task<LoadResult> MeasureActorsAsync(LoadSettings settings, string provider, int batchSize)
    {
        var folder = Directory.CreateTempSubdirectory("bench-storage-");
        try
        {
            var config = new Dictionary<string, string?>
            {
                ["Storage:Provider"] = provider,
                ["Storage:Path"] = folder.FullName,
                ["Storage:MaxBatchSize"] = batchSize.ToString(CultureInfo.InvariantCulture),
            };
            if (provider == "postgres")
            {
                config["Storage:ConnectionString"] = await PostgresServer.Shared.CreateDatabaseAsync($"bench_{Guid.NewGuid():N}");
            }

            await using var silo = await BenchSilo.StartAsync(new BenchSiloOptions
            {
                Settings = config,
                Configure = (builder, configuration) => builder.AddActorsGrainStorage(configuration),
            });
            return await WriteAsync(silo, settings, Name(provider, batchSize, settings.Callers));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<LoadResult> MeasureRedisAsync(LoadSettings settings, string appendFsync)
    {
        await using var redis = await RedisServer.StartAsync(appendFsync);
        await using var silo = await BenchSilo.StartAsync(new BenchSiloOptions
        {
            // The same serializer as the providers' (System.Text.Json), so that the rows differ by the store only.
            Configure = (builder, _) => builder
                .UseSystemTextJsonGrainStorageSerializer()
                .AddRedisGrainStorageAsDefault(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis.Endpoint)),
        });
        return await WriteAsync(silo, settings, RedisName(appendFsync, settings.Callers));
    }

    private static async Task<LoadResult> WriteAsync(BenchSilo silo, LoadSettings settings, string name)
    {
        var grains = Enumerable.Range(0, settings.Callers).Select(i => silo.GrainFactory.GetGrain<IWriterGrain>($"w-{i}")).ToArray();
        var version = 0L;
        return await ClosedLoopLoad.RunAsync(name, settings.Callers, settings.Warmup, settings.Duration,
            i => () => grains[i].Write(Interlocked.Increment(ref version)));
    }
}
