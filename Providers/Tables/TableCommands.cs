using System.Data;
using System.Data.Common;

namespace Actors.Providers.Tables;

/// <summary>
/// Builds provider-neutral commands: parameters are named <c>@name</c>, which Npgsql and Microsoft.Data.Sqlite both accept, and
/// carry their type, so that PostgreSQL knows the type of a NULL.
/// </summary>
internal static class TableCommands
{
    /// <summary>A command in the transaction.</summary>
    public static DbCommand Command(DbTransaction transaction, string sql)
    {
        var connection = transaction.Connection ?? throw new InvalidOperationException("The transaction has already ended.");
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    public static void Add(DbCommand command, string name, long value) => Add(command, name, DbType.Int64, value);

    public static void Add(DbCommand command, string name, int value) => Add(command, name, DbType.Int32, value);

    public static void Add(DbCommand command, string name, string? value) => Add(command, name, DbType.String, value);

    public static void Add(DbCommand command, string name, byte[] value) => Add(command, name, DbType.Binary, value);

    /// <summary>Sets a parameter added before, for a command run again with other values.</summary>
    public static void Set(DbCommand command, string name, object? value) => command.Parameters[name].Value = value ?? DBNull.Value;

    /// <summary>Commits when exactly one row changed; otherwise leaves the transaction open, for its disposal to roll back.</summary>
    public static async Task<bool> CommitIfOneRowAsync(DbTransaction transaction, int rowsAffected)
    {
        if (rowsAffected != 1)
        {
            return false;
        }

        // Not cancellable: once the commit is sent, its outcome is the answer, so a won compare-and-swap is never reported lost.
        await transaction.CommitAsync(CancellationToken.None);
        return true;
    }

    private static void Add(DbCommand command, string name, DbType type, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
