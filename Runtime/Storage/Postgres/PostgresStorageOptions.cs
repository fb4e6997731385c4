namespace Actors.Runtime.Storage.Postgres;

/// <summary>Settings of <see cref="PostgresGrainStorage"/>.</summary>
public sealed class PostgresStorageOptions
{
    /// <summary>An Npgsql connection string for the database that holds grain state. Required. It may hold a password, so it is never logged.</summary>
    public string ConnectionString { get; set; } = "";

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("PostgresStorageOptions.ConnectionString is required.", nameof(ConnectionString));
        }
    }
}
