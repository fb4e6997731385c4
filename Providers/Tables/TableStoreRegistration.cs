using Actors.Providers.Hosting;
using Actors.Providers.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Actors.Providers.Tables;

/// <summary>
/// Registers the one <see cref="TableDatabase"/> that the membership and reminder tables of a silo share, in the database the
/// <c>Storage</c> section names for grain storage too.
/// </summary>
internal static class TableStoreRegistration
{
    private static readonly TimeSpan s_sqliteBusyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether the configuration names the in-process store, read when the silo is built since it decides what to register. The
    /// whole section is validated when the host starts, where a bad value stops the start with a one-line message.
    /// </summary>
    public static bool IsMemory(IConfiguration configuration)
    {
        var options = new StorageOptions();
        configuration.GetSection(StorageOptions.SectionName).Bind(options);
        return options.Is(StorageOptions.Memory);
    }

    public static void AddTableDatabase(IServiceCollection services, IConfiguration configuration)
    {
        services.AddActorsStorageOptions(configuration);
        if (!services.Any(d => d.ServiceType == typeof(TableDatabase)))
        {
            services.AddSingleton(sp => Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        }
    }

    private static TableDatabase Create(StorageOptions options)
    {
        if (options.Is(StorageOptions.Postgres))
        {
            return new PostgresTableDatabase(options.ConnectionString!);
        }

        var path = Path.Combine(Path.GetFullPath(options.Path), SqliteStoreOptions.DefaultFileName);
        return new SqliteTableDatabase(path, s_sqliteBusyTimeout);
    }
}
