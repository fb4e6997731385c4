using System.Data;
using Microsoft.Data.Sqlite;

namespace Actors.Providers.Storage.Sqlite;

/// <summary>A read connection with its prepared query. Used by one caller at a time.</summary>
internal sealed class SqliteStateReader : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _select;
    private readonly SqliteParameter _type;
    private readonly SqliteParameter _key;
    private readonly SqliteParameter _name;

    public SqliteStateReader(SqliteConnection connection)
    {
        _connection = connection;
        _select = new SqliteCommand(
            "SELECT data, version FROM grain_state WHERE grain_type = $type AND grain_key = $key AND state_name = $name", connection);
        _type = _select.Parameters.Add("$type", SqliteType.Text);
        _key = _select.Parameters.Add("$key", SqliteType.Text);
        _name = _select.Parameters.Add("$name", SqliteType.Text);
    }

    public StoredState? Read(StateKey key)
    {
        _type.Value = key.GrainType;
        _key.Value = key.GrainKey;
        _name.Value = key.StateName;
        using var reader = _select.ExecuteReader(CommandBehavior.SingleRow);
        if (!reader.Read())
        {
            return null;
        }

        return new StoredState(reader.IsDBNull(0) ? null : reader.GetFieldValue<byte[]>(0), reader.GetInt64(1));
    }

    public void Dispose()
    {
        _select.Dispose();
        _connection.Dispose();
    }
}
