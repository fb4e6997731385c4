using Actors.Runtime.Membership.Postgres;
using Actors.Runtime.Membership.Sqlite;
using Actors.Runtime.Storage;
using Actors.Runtime.Storage.Postgres;
using Actors.Runtime.Storage.Sqlite;

namespace Actors.Runtime.Membership;

/// <summary>Builds the membership table on the same provider and database as grain storage.</summary>
public static class MembershipTableFactory
{
    /// <summary>Creates the table for <see cref="StorageOptions.Provider"/>; the memory table runs on <paramref name="timeProvider"/>.</summary>
    public static IMembershipTable Create(StorageOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider.ToLowerInvariant() switch
        {
            "postgres" => new PostgresMembershipTable(new PostgresStorageOptions { ConnectionString = options.ConnectionString! }),
            "memory" => new MemoryMembershipTable(timeProvider),
            _ => new SqliteMembershipTable(SqliteStorageOptions.InFolder(options.Path)),
        };
    }
}
