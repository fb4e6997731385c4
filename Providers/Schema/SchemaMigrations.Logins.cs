namespace Actors.Providers.Schema;

internal static partial class SchemaMigrations
{
    /// <summary>
    /// The login log (version 7): every chain's records in append order (<c>position</c> 0, 1, 2 ... without a gap, the log's
    /// leaf index), the complete subtrees of its RFC 9162 tree, and the published batch heads. Triggers make the tables
    /// append-only in the database itself: a record's row may change only by losing its payload (a tombstone), and tree nodes
    /// and batches never change or go.
    /// </summary>
    private static IReadOnlyList<Migration> Logins =>
    [
        new(7, "login_log",
            PostgresSql: """
                CREATE TABLE login_records (
                    position bigint PRIMARY KEY,
                    chain text NOT NULL,
                    sequence bigint NOT NULL,
                    time bigint NOT NULL,
                    header text NOT NULL,
                    payload text NULL,
                    hash bytea NOT NULL,
                    UNIQUE (chain, sequence)
                );
                CREATE INDEX login_records_time ON login_records (time) WHERE payload IS NOT NULL;
                CREATE TABLE login_tree_nodes (
                    level integer NOT NULL,
                    idx bigint NOT NULL,
                    hash bytea NOT NULL,
                    PRIMARY KEY (level, idx)
                );
                CREATE TABLE login_batches (
                    batch_id bigint PRIMARY KEY,
                    size bigint NOT NULL UNIQUE,
                    records bigint NOT NULL,
                    root bytea NOT NULL,
                    created_at bigint NOT NULL
                );
                CREATE FUNCTION login_log_write_once() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'rows of % are write-once', TG_TABLE_NAME;
                END $$;
                CREATE FUNCTION login_records_tombstone_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.payload IS NOT NULL OR NEW.position <> OLD.position OR NEW.chain <> OLD.chain
                        OR NEW.sequence <> OLD.sequence OR NEW.time <> OLD.time OR NEW.header <> OLD.header
                        OR NEW.hash <> OLD.hash THEN
                        RAISE EXCEPTION 'login records change only by tombstoning';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER login_records_update BEFORE UPDATE ON login_records
                    FOR EACH ROW EXECUTE FUNCTION login_records_tombstone_only();
                CREATE TRIGGER login_records_delete BEFORE DELETE ON login_records
                    FOR EACH ROW EXECUTE FUNCTION login_log_write_once();
                CREATE TRIGGER login_tree_nodes_change BEFORE UPDATE OR DELETE ON login_tree_nodes
                    FOR EACH ROW EXECUTE FUNCTION login_log_write_once();
                CREATE TRIGGER login_batches_change BEFORE UPDATE OR DELETE ON login_batches
                    FOR EACH ROW EXECUTE FUNCTION login_log_write_once();
                """,
            SqliteSql: """
                CREATE TABLE login_records (
                    position INTEGER PRIMARY KEY,
                    chain TEXT NOT NULL,
                    sequence INTEGER NOT NULL,
                    time INTEGER NOT NULL,
                    header TEXT NOT NULL,
                    payload TEXT NULL,
                    hash BLOB NOT NULL,
                    UNIQUE (chain, sequence)
                );
                CREATE INDEX login_records_time ON login_records (time) WHERE payload IS NOT NULL;
                CREATE TABLE login_tree_nodes (
                    level INTEGER NOT NULL,
                    idx INTEGER NOT NULL,
                    hash BLOB NOT NULL,
                    PRIMARY KEY (level, idx)
                ) WITHOUT ROWID;
                CREATE TABLE login_batches (
                    batch_id INTEGER PRIMARY KEY,
                    size INTEGER NOT NULL UNIQUE,
                    records INTEGER NOT NULL,
                    root BLOB NOT NULL,
                    created_at INTEGER NOT NULL
                );
                CREATE TRIGGER login_records_update BEFORE UPDATE ON login_records
                    WHEN NEW.payload IS NOT NULL OR NEW.position IS NOT OLD.position OR NEW.chain IS NOT OLD.chain
                        OR NEW.sequence IS NOT OLD.sequence OR NEW.time IS NOT OLD.time OR NEW.header IS NOT OLD.header
                        OR NEW.hash IS NOT OLD.hash
                    BEGIN SELECT RAISE(ABORT, 'login records change only by tombstoning'); END;
                CREATE TRIGGER login_records_delete BEFORE DELETE ON login_records
                    BEGIN SELECT RAISE(ABORT, 'rows of login_records are write-once'); END;
                CREATE TRIGGER login_tree_nodes_update BEFORE UPDATE ON login_tree_nodes
                    BEGIN SELECT RAISE(ABORT, 'rows of login_tree_nodes are write-once'); END;
                CREATE TRIGGER login_tree_nodes_delete BEFORE DELETE ON login_tree_nodes
                    BEGIN SELECT RAISE(ABORT, 'rows of login_tree_nodes are write-once'); END;
                CREATE TRIGGER login_batches_update BEFORE UPDATE ON login_batches
                    BEGIN SELECT RAISE(ABORT, 'rows of login_batches are write-once'); END;
                CREATE TRIGGER login_batches_delete BEFORE DELETE ON login_batches
                    BEGIN SELECT RAISE(ABORT, 'rows of login_batches are write-once'); END;
                """),
    ];
}
