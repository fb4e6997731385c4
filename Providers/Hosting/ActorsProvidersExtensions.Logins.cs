using Actors.Providers.Logins;
using Actors.Providers.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Actors.Providers.Hosting;

public static partial class ActorsProvidersExtensions
{
    /// <summary>
    /// Registers the login log's durable tier (<see cref="ILoginRecordStore"/>) in the database the <c>Storage</c> section names:
    /// its tables in SQLite or PostgreSQL beside membership and reminders (migrated when the store is first used), or in process
    /// memory with Provider "memory".
    /// </summary>
    public static IServiceCollection AddActorsLoginStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (TableStoreRegistration.IsMemory(configuration))
        {
            services.TryAddSingleton<ILoginRecordStore, MemoryLoginRecordStore>();
            return services;
        }

        TableStoreRegistration.AddTableDatabase(services, configuration);
        services.TryAddSingleton<ILoginRecordStore>(sp => new SqlLoginRecordStore(
            sp.GetRequiredService<TableDatabase>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<SqlLoginRecordStore>()));
        return services;
    }
}
