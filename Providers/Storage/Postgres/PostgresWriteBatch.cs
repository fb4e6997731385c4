using Npgsql;

namespace Actors.Providers.Storage.Postgres;

/// <summary>
/// Turns a batch of writes into a few set-based statements sent in one round trip. Writes are split into rounds: a record's first
/// write goes to round 0, its second to round 1, and so on, so that no statement touches a record twice and running the rounds in
/// order gives the same result as running the writes one after the other. A round becomes one INSERT (the writes expecting version 0)
/// and one UPDATE (the others), more when the payloads are very large, each fed by arrays through <c>unnest</c>.
/// </summary>
internal static class PostgresWriteBatch
{
    // A bind message must stay under PostgreSQL's 1 GB limit; chunks of a round keep each statement's payload well below it.
    private const long MaxPayloadBytesPerStatement = 64L << 20;

    private const string InsertSql = """
        INSERT INTO grain_state (grain_type, grain_key, state_name, version, data)
        SELECT t, k, s, 1, d FROM unnest($1::text[], $2::text[], $3::text[], $4::bytea[]) AS u(t, k, s, d)
        ON CONFLICT DO NOTHING
        RETURNING grain_type, grain_key, state_name
        """;

    private const string UpdateSql = """
        UPDATE grain_state AS g SET data = u.d, version = u.v + 1, modified_at = now()
        FROM unnest($1::text[], $2::text[], $3::text[], $4::bytea[], $5::bigint[]) WITH ORDINALITY AS u(t, k, s, d, v, i)
        WHERE g.grain_type = u.t AND g.grain_key = u.k AND g.state_name = u.s AND g.version = u.v
        RETURNING u.i
        """;

    /// <summary>
    /// Runs the writes and reports which ones matched their version. Without an explicit transaction, the statements of one
    /// NpgsqlBatch run in a single implicit transaction that commits at its end: all of them take effect or none does.
    /// </summary>
    /// <remarks>
    /// Cancellation is honoured until the batch is sent, not after: cancelling while the server may already be committing would
    /// leave the caller unable to tell whether the writes took effect.
    /// </remarks>
    public static async Task<bool[]> ExecuteAsync(
        NpgsqlConnection connection, IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken)
    {
        var statements = Plan(writes);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var statement in statements)
        {
            batch.BatchCommands.Add(statement.ToCommand(writes));
        }

        await batch.PrepareAsync(cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var committed = new bool[writes.Count];
        await using var reader = await batch.ExecuteReaderAsync(CancellationToken.None);
        foreach (var statement in statements)
        {
            var insertedRows = statement.IsInsert ? statement.IndexByRecord(writes) : null;
            while (await reader.ReadAsync(CancellationToken.None))
            {
                var index = insertedRows is null
                    ? statement.Rows[(int)reader.GetInt64(0) - 1]
                    : insertedRows[(reader.GetString(0), reader.GetString(1), reader.GetString(2))];
                committed[index] = true;
            }

            await reader.NextResultAsync(CancellationToken.None);
        }

        return committed;
    }

    private static List<Statement> Plan(IReadOnlyList<StateWrite> writes)
    {
        // A write's round is the number of earlier writes in the batch to the same record.
        var writesSoFar = new Dictionary<(string, string, string), int>();
        var rounds = new int[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            var record = (writes[i].Key.GrainType, writes[i].Key.GrainKey, writes[i].Key.StateName);
            writesSoFar.TryGetValue(record, out rounds[i]);
            writesSoFar[record] = rounds[i] + 1;
        }

        var statements = new List<Statement>();
        var roundCount = writesSoFar.Values.Max();
        for (var round = 0; round < roundCount; round++)
        {
            // Within a round the records are distinct, so its inserts and updates may run in either order.
            foreach (var isInsert in (bool[])[true, false])
            {
                Statement? statement = null;
                for (var i = 0; i < writes.Count; i++)
                {
                    if (rounds[i] != round || (writes[i].ExpectedVersion == 0) != isInsert)
                    {
                        continue;
                    }

                    var bytes = writes[i].Data?.Length ?? 0;
                    if (statement is null || statement.PayloadBytes + bytes > MaxPayloadBytesPerStatement)
                    {
                        statement = new Statement(isInsert);
                        statements.Add(statement);
                    }

                    statement.Rows.Add(i);
                    statement.PayloadBytes += bytes;
                }
            }
        }

        return statements;
    }

    private sealed class Statement(bool isInsert)
    {
        public bool IsInsert { get; } = isInsert;

        public List<int> Rows { get; } = [];

        public long PayloadBytes { get; set; }

        public Dictionary<(string, string, string), int> IndexByRecord(IReadOnlyList<StateWrite> writes) =>
            Rows.ToDictionary(i => (writes[i].Key.GrainType, writes[i].Key.GrainKey, writes[i].Key.StateName));

        public NpgsqlBatchCommand ToCommand(IReadOnlyList<StateWrite> writes)
        {
            var command = new NpgsqlBatchCommand(IsInsert ? InsertSql : UpdateSql);
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = Rows.Select(i => writes[i].Key.GrainType).ToArray() });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = Rows.Select(i => writes[i].Key.GrainKey).ToArray() });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = Rows.Select(i => writes[i].Key.StateName).ToArray() });
            var payloads = Rows.Select(i => PayloadArrays.ToArray(writes[i].Data)).ToArray();
            command.Parameters.Add(new NpgsqlParameter<byte[]?[]> { TypedValue = payloads });
            if (!IsInsert)
            {
                command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = Rows.Select(i => writes[i].ExpectedVersion).ToArray() });
            }

            return command;
        }
    }
}
