using System.Data.Common;
using System.Globalization;
using System.Net;
using Actors.Providers.Tables;
using Actors.Providers.Storage;
using static Actors.Providers.Tables.TableCommands;

namespace Actors.Providers.Membership;

/// <summary>Binds entries to the parameters of <see cref="MembershipSql"/> and reads its rows back.</summary>
internal static class MembershipRows
{
    /// <summary>A command in the transaction, with the <c>@cluster</c> parameter every membership statement has.</summary>
    public static DbCommand ClusterCommand(DbTransaction transaction, string sql, string clusterId)
    {
        var command = Command(transaction, sql);
        Add(command, "@cluster", clusterId);
        return command;
    }

    public static void AddSilo(DbCommand command, SiloAddress silo)
    {
        Add(command, "@address", silo.Endpoint.Address.ToString());
        Add(command, "@port", silo.Endpoint.Port);
        Add(command, "@generation", silo.Generation);
    }

    /// <summary>The silo key and every column an entry sets.</summary>
    public static void AddEntry(DbCommand command, MembershipEntry entry)
    {
        AddSilo(command, entry.SiloAddress);
        var startTime = UnixMilliseconds.From(entry.StartTime);
        var iAmAliveTime = UnixMilliseconds.From(entry.IAmAliveTime);
        Add(command, "@status", (int)entry.Status);
        Add(command, "@proxy_port", entry.ProxyPort);
        Add(command, "@host_name", entry.HostName);
        Add(command, "@silo_name", entry.SiloName);
        Add(command, "@role_name", entry.RoleName);
        Add(command, "@update_zone", entry.UpdateZone);
        Add(command, "@fault_zone", entry.FaultZone);
        Add(command, "@suspect_times", SuspectTimesJson.Write(entry.SuspectTimes));
        Add(command, "@start_time", startTime);
        Add(command, "@i_am_alive_time", iAmAliveTime);
        // Orleans's "last known update" of an entry, which CleanupDefunctSiloEntries compares with its cut-off.
        Add(command, "@updated_at", Math.Max(Math.Max(startTime, iAmAliveTime), SuspectTimesJson.Latest(entry.SuspectTimes)));
    }

    /// <summary>Reads the current row of a <see cref="MembershipSql.SelectRows"/> result: the entry and its etag.</summary>
    /// <exception cref="StorageUnavailableException">The row holds what no entry can be.</exception>
    public static Tuple<MembershipEntry, string> Read(DbDataReader reader)
    {
        try
        {
            var entry = new MembershipEntry
            {
                SiloAddress = SiloAddress.New(IPAddress.Parse(reader.GetString(0)), reader.GetInt32(1), reader.GetInt32(2)),
                Status = ReadStatus(reader.GetInt32(3)),
                ProxyPort = reader.GetInt32(4),
                HostName = NullableString(reader, 5)!,
                SiloName = NullableString(reader, 6)!,
                RoleName = NullableString(reader, 7),
                UpdateZone = reader.GetInt32(8),
                FaultZone = reader.GetInt32(9),
                SuspectTimes = SuspectTimesJson.Read(NullableString(reader, 10)),
                StartTime = UnixMilliseconds.ToDateTime(reader.GetInt64(11)),
                IAmAliveTime = UnixMilliseconds.ToDateTime(reader.GetInt64(12)),
            };
            return Tuple.Create(entry, reader.GetInt64(13).ToString(CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentOutOfRangeException)
        {
            throw new StorageUnavailableException($"The membership table holds a row that cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>Parses an etag this table handed out; anything else cannot match a row.</summary>
    public static bool TryParseEtag(string? etag, out long value) =>
        long.TryParse(etag, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    private static SiloStatus ReadStatus(int value) =>
        Enum.IsDefined((SiloStatus)value) ? (SiloStatus)value : throw new FormatException($"Unknown silo status {value}.");

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
