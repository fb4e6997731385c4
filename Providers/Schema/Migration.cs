namespace Actors.Providers.Schema;

/// <summary>One versioned step of the storage schema, written once per SQL dialect.</summary>
/// <param name="Version">Its place in the sequence: 1, 2, 3, ... Never renumbered once released.</param>
/// <param name="Name">A short name for logs and the <c>schema_migrations</c> table.</param>
/// <param name="PostgresSql">The statements for PostgreSQL.</param>
/// <param name="SqliteSql">The statements for SQLite.</param>
internal sealed record Migration(int Version, string Name, string PostgresSql, string SqliteSql);
