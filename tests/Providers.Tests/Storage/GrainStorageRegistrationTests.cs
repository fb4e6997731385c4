using Actors.Providers.Hosting;
using Actors.Providers.Storage;
using Actors.Providers.Storage.Memory;
using Actors.Providers.Storage.Postgres;
using Actors.Providers.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Actors.Providers.Tests.Storage;

public sealed class GrainStorageRegistrationTests(TempFolderFixture folder) : IClassFixture<TempFolderFixture>
{
    [Fact]
    public async Task The_storage_is_Orleans_default_and_the_one_named_Default()
    {
        using var host = Build(new() { ["Storage:Provider"] = "memory" });

        var unnamed = host.Services.GetRequiredService<IGrainStorage>();
        var named = host.Services.GetRequiredKeyedService<IGrainStorage>("Default");

        Assert.Same(unnamed, named);
        Assert.IsType<MemoryStateStore>(Assert.IsType<GrainStateStorage>(named).Store);
    }

    [Fact]
    public async Task Sqlite_keeps_actors_db_under_Storage_Path_and_joins_the_silo_lifecycle()
    {
        var path = Path.Combine(folder.Path, "registered");
        using var host = Build(new() { ["Storage:Path"] = path });

        var storage = Assert.IsType<GrainStateStorage>(host.Services.GetRequiredService<IGrainStorage>());

        var store = Assert.IsType<SqliteStateStore>(storage.Store);
        Assert.Equal(Path.Combine(path, "actors.db"), store.DatabasePath);
        Assert.Contains(storage, host.Services.GetServices<ILifecycleParticipant<ISiloLifecycle>>());
    }

    [Fact]
    public async Task Postgres_is_chosen_by_Storage_Provider_and_opens_nothing_before_the_silo_starts()
    {
        using var host = Build(new()
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = SqlConsole.UnreachablePostgres(),
        });

        var storage = Assert.IsType<GrainStateStorage>(host.Services.GetRequiredService<IGrainStorage>());

        Assert.IsType<PostgresStateStore>(storage.Store);
    }

    [Fact]
    public async Task A_storage_the_host_registered_before_wins_under_both_names()
    {
        var own = new InMemoryGrainStorage();
        using var host = Build(new() { ["Storage:Provider"] = "sqlite" }, services => services.AddSingleton<IGrainStorage>(own));

        Assert.Same(own, host.Services.GetRequiredService<IGrainStorage>());
        Assert.Same(own, host.Services.GetRequiredKeyedService<IGrainStorage>("Default"));
        Assert.DoesNotContain(host.Services.GetServices<ILifecycleParticipant<ISiloLifecycle>>(), p => p is GrainStateStorage);
    }

    [Fact]
    public async Task A_storage_the_host_registered_before_by_the_name_Default_wins_under_both_names()
    {
        var own = new InMemoryGrainStorage();
        using var host = Build(new(), services => services.AddKeyedSingleton<IGrainStorage>("Default", own));

        Assert.Same(own, host.Services.GetRequiredService<IGrainStorage>());
        Assert.Same(own, host.Services.GetRequiredKeyedService<IGrainStorage>("Default"));
    }

    [Fact]
    public async Task Registering_twice_registers_one_storage_and_one_validator()
    {
        var configuration = Configuration(new() { ["Storage:Provider"] = "memory" });
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo.AddActorsGrainStorage(configuration).AddActorsGrainStorage(configuration));

        Assert.Single(builder.Services, d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, "Default"));
        Assert.Single(builder.Services, d => d.ServiceType == typeof(IGrainStorage) && !d.IsKeyedService);
        Assert.Single(builder.Services, d => d.ServiceType == typeof(IValidateOptions<StorageOptions>));
        using var host = builder.Build();
        Assert.Same(host.Services.GetRequiredService<IGrainStorage>(), host.Services.GetRequiredKeyedService<IGrainStorage>("Default"));
    }

    [Fact]
    public async Task The_section_is_bound_to_StorageOptions()
    {
        using var host = Build(new()
        {
            ["Storage:Provider"] = "memory",
            ["Storage:MaxBatchSize"] = "10",
            ["Storage:MaxConcurrentBatches"] = "3",
            ["Storage:MaxPendingWrites"] = "20",
        });

        var options = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;

        Assert.Equal(("memory", 10, 3, 20), (options.Provider, options.MaxBatchSize, options.ConcurrentBatches, options.MaxPendingWrites));
    }

    [Fact]
    public async Task A_silo_with_a_bad_Storage_section_refuses_to_start_with_a_message_naming_the_key()
    {
        using var host = Build(new() { ["Storage:Provider"] = "postgres" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Storage:ConnectionString is required when Storage:Provider is postgres.", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    private static IHost Build(Dictionary<string, string?> settings, Action<IServiceCollection>? before = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo =>
        {
            before?.Invoke(silo.Services);
            silo.UseLocalhostClustering().AddActorsGrainStorage(Configuration(settings));
        });
        return builder.Build();
    }
}
