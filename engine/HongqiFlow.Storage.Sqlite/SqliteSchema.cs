using HongqiFlow.Storage.Sql;

namespace HongqiFlow.Storage.Sqlite;

/// <summary>The SQLite schema, as numbered migrations. Never edit a released step: add the next one.</summary>
internal static class SqliteSchema
{
    public static readonly IReadOnlyList<SchemaMigration> Migrations =
    [
        new(1, "cases, events, command results, timers, outbox", DdlDialect.Sqlite.Write(StoreTables.Cases)),
        new(2, "definition drafts, published versions, designer layouts", DdlDialect.Sqlite.Write(StoreTables.Definitions)),
        new(3, "snapshot seals: a hash of each case's snapshot bound to its head event", DdlDialect.Sqlite.AddColumn(StoreTables.SealColumn.Table, StoreTables.SealColumn.Column) + """
            UPDATE cases SET snapshot_hash = hongqi_snapshot_seal(case_id, version, head_hash, status, state_json);
            """),
        new(4, "deputies (代理), one per principal", DdlDialect.Sqlite.Write(StoreTables.Deputies)),
        new(5, "the chain algorithm of each case (sha256 before, sm3 by default since)", StoreTables.ChainAlgorithmColumn),
        new(6, "signed checkpoints of every case's head", DdlDialect.Sqlite.Write(StoreTables.Checkpoints)),
        new(7, "personal data: each case's wrapped data key and the keyed hash of its ID number", DdlDialect.Sqlite.Write(StoreTables.PersonalDataKeys)),
        new(8, "the operations audit (安全审计): an append-only SM3 hash chain", DdlDialect.Sqlite.Write(StoreTables.Operations) + StoreTables.OperationsGenesisRow + """
            CREATE TRIGGER operations_no_update BEFORE UPDATE ON operations BEGIN SELECT RAISE(ABORT, 'the operations audit is append-only'); END;
            CREATE TRIGGER operations_no_delete BEFORE DELETE ON operations BEGIN SELECT RAISE(ABORT, 'the operations audit is append-only'); END;
            """),
        new(9, "fewer pages per command: idempotency keys and timers kept in their primary key's b-tree (WITHOUT ROWID), the outbox's sequence without AUTOINCREMENT's counter row", FewerPagesPerCommand),
        new(10, "the indicator projection: each case's counts and the totals per day and scope", DdlDialect.Sqlite.Write(StoreTables.Indicators)),
        new(11, "the one-row layout: events in a rowid table (seq) found by (case_id, version), each command's key, timer and message as columns of its last event, served by partial indexes", OneRowEvents),
        new(12, "the applicant's name parts by their keyed hash, for the search by name", DdlDialect.Sqlite.Write(StoreTables.NameLookups) + StoreTables.NamesIndexedColumn),
    ];

    /// <summary>
    /// Migration 9 rebuilds three tables with the same columns and indexes, so that a durable command changes fewer pages
    /// (SQLite writes each changed page whole into the WAL): a key row and a timer row each touched a rowid b-tree and
    /// the primary key's index; each outbox message also rewrote its table's row in <c>sqlite_sequence</c>. The outbox's
    /// <c>sequence</c> stays the row's id: new rows still take the largest plus one, and no delivered row is ever deleted.
    /// </summary>
    private const string FewerPagesPerCommand = """
        CREATE TABLE command_results_v9 (
            idempotency_key TEXT PRIMARY KEY,
            case_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            result_json TEXT NOT NULL) WITHOUT ROWID;
        INSERT INTO command_results_v9 (idempotency_key, case_id, version, result_json) SELECT idempotency_key, case_id, version, result_json FROM command_results;
        DROP TABLE command_results;
        ALTER TABLE command_results_v9 RENAME TO command_results;

        CREATE TABLE timers_v9 (
            timer_id TEXT PRIMARY KEY,
            case_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            due_at INTEGER NOT NULL,
            payload_json TEXT NOT NULL,
            state INTEGER NOT NULL,
            lease_owner TEXT,
            lease_until INTEGER,
            attempts INTEGER NOT NULL) WITHOUT ROWID;
        INSERT INTO timers_v9 (timer_id, case_id, kind, due_at, payload_json, state, lease_owner, lease_until, attempts)
            SELECT timer_id, case_id, kind, due_at, payload_json, state, lease_owner, lease_until, attempts FROM timers;
        DROP TABLE timers;
        ALTER TABLE timers_v9 RENAME TO timers;
        CREATE INDEX ix_timers_due ON timers (state, due_at);
        CREATE INDEX ix_timers_case ON timers (case_id);

        CREATE TABLE outbox_v9 (
            sequence INTEGER PRIMARY KEY,
            message_id TEXT NOT NULL UNIQUE,
            case_id TEXT NOT NULL,
            channel TEXT NOT NULL,
            payload_json TEXT NOT NULL,
            state INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            next_attempt_at INTEGER NOT NULL,
            last_error TEXT,
            created_at INTEGER NOT NULL,
            delivered_at INTEGER,
            lease_owner TEXT,
            lease_until INTEGER);
        INSERT INTO outbox_v9 (sequence, message_id, case_id, channel, payload_json, state, attempts, next_attempt_at, last_error, created_at, delivered_at, lease_owner, lease_until)
            SELECT sequence, message_id, case_id, channel, payload_json, state, attempts, next_attempt_at, last_error, created_at, delivered_at, lease_owner, lease_until FROM outbox;
        DROP TABLE outbox;
        ALTER TABLE outbox_v9 RENAME TO outbox;
        CREATE INDEX ix_outbox_pending ON outbox (state, next_attempt_at);
        CREATE INDEX ix_outbox_case ON outbox (case_id);
        """;

    /// <summary>
    /// Migration 11 rebuilds <c>events</c> as a rowid table (<c>seq</c>, the row's id) with a unique index on (case_id, version),
    /// and gives it the columns of the one-row layout (<see cref="SqliteEventRows"/>): the command's idempotency key and
    /// result, its timer and its outbox message, each served by a partial index. <c>WITHOUT ROWID</c> kept each event inside
    /// its primary key's b-tree, in case order: an event went into the middle of the tree, splitting pages that stayed half
    /// full, and rows larger than a sixth of a page spilled into overflow pages of their own, mostly empty; a rowid table
    /// appends each event after the last one. The events keep their payload and hashes; their <c>seq</c> starts above the
    /// outbox's last sequence, so messages written from now on sort after every message written before. Keys, timers and
    /// messages already written stay in <c>command_results</c>, <c>timers</c> and <c>outbox</c>, which every read also reads.
    /// </summary>
    private const string OneRowEvents = """
        CREATE TABLE events_v11 (
            case_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            type TEXT NOT NULL,
            payload_json TEXT NOT NULL,
            occurred_at INTEGER NOT NULL,
            hash TEXT NOT NULL,
            previous_hash TEXT NOT NULL,
            seq INTEGER PRIMARY KEY,
            idempotency_key TEXT,
            result_json TEXT,
            timer_id TEXT,
            timer_kind TEXT,
            timer_due INTEGER,
            timer_payload TEXT,
            timer_state INTEGER,
            timer_lease_owner TEXT,
            timer_lease_until INTEGER,
            timer_attempts INTEGER,
            message_id TEXT,
            message_channel TEXT,
            message_payload TEXT,
            message_state INTEGER,
            message_attempts INTEGER,
            message_next_attempt INTEGER,
            message_last_error TEXT,
            message_created INTEGER,
            message_delivered INTEGER,
            message_lease_owner TEXT,
            message_lease_until INTEGER);
        INSERT INTO events_v11 (seq, case_id, version, type, payload_json, occurred_at, hash, previous_hash)
            SELECT (SELECT coalesce(max(sequence), 0) FROM outbox) + row_number() OVER (ORDER BY case_id, version), case_id, version, type, payload_json, occurred_at, hash, previous_hash
            FROM events;
        DROP TABLE events;
        ALTER TABLE events_v11 RENAME TO events;
        CREATE UNIQUE INDEX ux_events_case_version ON events (case_id, version);
        CREATE UNIQUE INDEX ux_events_key ON events (idempotency_key) WHERE idempotency_key IS NOT NULL;
        CREATE INDEX ix_events_timer ON events (timer_id) WHERE timer_id IS NOT NULL;
        CREATE INDEX ix_events_timer_due ON events (timer_due, timer_id) WHERE timer_state = 0;
        CREATE INDEX ix_events_message ON events (message_id) WHERE message_id IS NOT NULL;
        CREATE INDEX ix_events_message_due ON events (message_next_attempt) WHERE message_state = 0;
        """;

    /// <summary>
    /// Gives the connection the SQL function <c>hongqi_snapshot_seal</c> (<see cref="SnapshotSeal.Compute"/>), with which
    /// migration 3 seals the cases written before seals existed, as they stand at the upgrade.
    /// </summary>
    public static void AddFunctions(Microsoft.Data.Sqlite.SqliteConnection connection) =>
        connection.CreateFunction<string, long, string, string, string, string>(
            "hongqi_snapshot_seal", (caseId, version, head, status, state) => SnapshotSeal.Compute(caseId, version, head, status, state), isDeterministic: true);
}
