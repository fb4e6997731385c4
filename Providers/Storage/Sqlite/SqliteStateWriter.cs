using Microsoft.Data.Sqlite;

namespace Actors.Providers.Storage.Sqlite;

/// <summary>The one write connection of a store, with its prepared compare-and-swap statements. Used by one caller at a time.</summary>
internal sealed class SqliteStateWriter : IDisposable
{
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _update;

    public SqliteStateWriter(SqliteConnection connection)
    {
        Connection = connection;
        // Version 0 expected: create the record only if it was never written. A tombstone is a row, so it conflicts too.
        _insert = Command(
            "INSERT INTO grain_state (grain_type, grain_key, state_name, version, data) " +
            "VALUES ($type, $key, $name, 1, $data) ON CONFLICT DO NOTHING");
        _update = Command(
            "UPDATE grain_state SET data = $data, version = version + 1, modified_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') " +
            "WHERE grain_type = $type AND grain_key = $key AND state_name = $name AND version = $version");
        _update.Parameters.Add("$version", SqliteType.Integer);
    }

    public SqliteConnection Connection { get; }

    /// <summary>
    /// Applies the writes in order in one IMMEDIATE transaction and reports which ones matched their version. Each statement sees
    /// the ones before it, so two writes to one record behave as if made one after the other. On an exception the transaction
    /// may still be open: the caller disposes this writer, and closing the connection rolls it back.
    /// </summary>
    public bool[] Apply(IReadOnlyList<StateWrite> writes)
    {
        var committed = new bool[writes.Count];
        using var transaction = Connection.BeginTransaction(deferred: false);
        _insert.Transaction = transaction;
        _update.Transaction = transaction;
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            var command = write.ExpectedVersion == 0 ? _insert : _update;
            command.Parameters["$type"].Value = write.Key.GrainType;
            command.Parameters["$key"].Value = write.Key.GrainKey;
            command.Parameters["$name"].Value = write.Key.StateName;
            command.Parameters["$data"].Value = (object?)PayloadArrays.ToArray(write.Data) ?? DBNull.Value;
            if (command == _update)
            {
                command.Parameters["$version"].Value = write.ExpectedVersion;
            }

            committed[i] = command.ExecuteNonQuery() == 1;
        }

        transaction.Commit();
        return committed;
    }

    /// <summary>Deletes the records of a grain type last written before the cutoff; returns how many.</summary>
    public int DeleteUnchangedSince(string grainType, DateTimeOffset cutoff)
    {
        using var delete = Connection.CreateCommand();
        // modified_at is ISO 8601 UTC with milliseconds, written by strftime: text order is time order.
        delete.CommandText = "DELETE FROM grain_state WHERE grain_type = $type AND modified_at < $cutoff";
        delete.Parameters.AddWithValue("$type", grainType);
        delete.Parameters.AddWithValue("$cutoff", cutoff.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        return delete.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _insert.Dispose();
        _update.Dispose();
        Connection.Dispose();
    }

    private SqliteCommand Command(string sql)
    {
        var command = new SqliteCommand(sql, Connection);
        command.Parameters.Add("$type", SqliteType.Text);
        command.Parameters.Add("$key", SqliteType.Text);
        command.Parameters.Add("$name", SqliteType.Text);
        command.Parameters.Add("$data", SqliteType.Blob);
        return command;
    }
}
