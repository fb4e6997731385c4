using System.Data.Common;
using Actors.Runtime.Storage.Sql;

namespace Actors.Runtime.Membership.Sql;

/// <summary>Binds entries to the parameters of <see cref="MembershipSql"/> and reads its rows back.</summary>
internal static class MembershipRows
{
    /// <summary>A command in the transaction, with the <c>@cluster</c> parameter every membership statement has.</summary>
    public static DbCommand Command(DbTransaction transaction, string sql, string clusterId)
    {
        var command = SqlCommands.Command(transaction, sql);
        Add(command, "@cluster", clusterId);
        return command;
    }

    public static void Add(DbCommand command, string name, object value) => SqlCommands.Add(command, name, value);

    public static void AddSilo(DbCommand command, SiloAddress silo)
    {
        Add(command, "@host", silo.Host);
        Add(command, "@port", silo.Port);
        Add(command, "@epoch", silo.Epoch);
    }

    /// <summary>The silo key and the columns an update may change; not the times, which only the database clock sets.</summary>
    public static void AddEntry(DbCommand command, MembershipEntry entry)
    {
        AddSilo(command, entry.Silo);
        Add(command, "@zone", entry.Zone);
        Add(command, "@status", SiloStatusNames.ToName(entry.Status));
        Add(command, "@gateway_port", entry.GatewayPort);
        Add(command, "@http_port", entry.HttpPort);
        Add(command, "@suspicions", SuspicionsJson.Write(entry.Suspicions));
    }

    /// <summary>Reads the current row of a <see cref="MembershipSql.SelectRows"/> result.</summary>
    public static VersionedMembershipEntry Read(DbDataReader reader)
    {
        var entry = new MembershipEntry(
            new SiloAddress(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2)),
            Zone: reader.GetString(3),
            Status: SiloStatusNames.Parse(reader.GetString(4)),
            GatewayPort: reader.GetInt32(5),
            HttpPort: reader.GetInt32(6),
            StartedAt: reader.GetInt64(7),
            HeartbeatAt: reader.GetInt64(8),
            Suspicions: SuspicionsJson.Read(reader.GetString(9)));
        return new VersionedMembershipEntry(entry, reader.GetInt64(10));
    }
}
