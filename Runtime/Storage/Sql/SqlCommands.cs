using System.Data.Common;

namespace Actors.Runtime.Storage.Sql;

/// <summary>Builds provider-neutral commands: parameters are named <c>@name</c>, which Npgsql and Microsoft.Data.Sqlite both accept.</summary>
internal static class SqlCommands
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

    public static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
