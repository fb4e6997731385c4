using Actors.Providers.Membership;
using Actors.Providers.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Providers.Hosting;

public static partial class ActorsProvidersExtensions
{
    /// <summary>
    /// Keeps Orleans's membership table in the database the <c>Storage</c> section names: the SQLite file under
    /// <c>Storage:Path</c> (Provider "sqlite", the default) or the PostgreSQL database of <c>Storage:ConnectionString</c>
    /// (Provider "postgres"). The schema is created or migrated when the silo starts. With Provider "memory" nothing is
    /// registered: the host chooses its own clustering (localhost clustering for a single silo).
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configuration">The configuration holding the <c>Storage</c> section; validated when the host starts.</param>
    /// <returns>The silo builder, for chaining.</returns>
    public static ISiloBuilder UseActorsMembership(this ISiloBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        if (TableStoreRegistration.IsMemory(configuration))
        {
            return builder;
        }

        TableStoreRegistration.AddTableDatabase(builder.Services, configuration);
        builder.Services.AddSingleton<IMembershipTable, SqlMembershipTable>();
        return builder;
    }
}
