using Actors.Providers.Tables;
using Actors.Providers.Reminders;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Providers.Hosting;

public static partial class ActorsProvidersExtensions
{
    /// <summary>
    /// Runs Orleans's reminder service with its table in the database the <c>Storage</c> section names (SQLite or PostgreSQL,
    /// as for <see cref="UseActorsMembership"/>); the schema is migrated and reminders carried over from the first version's
    /// table are made readable when the silo starts. With Provider "memory" the reminders live in Orleans's in-memory reminder
    /// service and do not survive the cluster.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configuration">The configuration holding the <c>Storage</c> section; validated when the host starts.</param>
    /// <returns>The silo builder, for chaining.</returns>
    public static ISiloBuilder UseActorsReminders(this ISiloBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        if (TableStoreRegistration.IsMemory(configuration))
        {
            return builder.UseInMemoryReminderService();
        }

        builder.AddReminders();
        TableStoreRegistration.AddTableDatabase(builder.Services, configuration);
        builder.Services.AddSingleton<IReminderTable, SqlReminderTable>();
        return builder;
    }
}
