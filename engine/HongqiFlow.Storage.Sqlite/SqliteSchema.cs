using HongqiFlow.Storage.Sql;

namespace HongqiFlow.Storage.Sqlite;

/// <summary>The SQLite schema, as numbered migrations. Never edit a released step: add the next one.</summary>
internal static class SqliteSchema
{
    public static readonly IReadOnlyList<SchemaMigration> Migrations =
    [
        new(1, "cases, events, command results, timers, outbox", """
            CREATE TABLE cases (
                case_id TEXT PRIMARY KEY,
                definition_id TEXT NOT NULL,
                status TEXT NOT NULL,
                version INTEGER NOT NULL,
                head_hash TEXT NOT NULL,
                state_json TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL);
            CREATE INDEX ix_cases_status ON cases (status, case_id);
            CREATE INDEX ix_cases_definition ON cases (definition_id, case_id);
            CREATE TABLE events (
                case_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                type TEXT NOT NULL,
                payload_json TEXT NOT NULL,
                occurred_at INTEGER NOT NULL,
                hash TEXT NOT NULL,
                previous_hash TEXT NOT NULL,
                PRIMARY KEY (case_id, version)) WITHOUT ROWID;
            CREATE TABLE command_results (
                idempotency_key TEXT PRIMARY KEY,
                case_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                result_json TEXT NOT NULL);
            CREATE TABLE timers (
                timer_id TEXT PRIMARY KEY,
                case_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                due_at INTEGER NOT NULL,
                payload_json TEXT NOT NULL,
                state INTEGER NOT NULL,
                lease_owner TEXT,
                lease_until INTEGER,
                attempts INTEGER NOT NULL);
            CREATE INDEX ix_timers_due ON timers (state, due_at);
            CREATE INDEX ix_timers_case ON timers (case_id);
            CREATE TABLE outbox (
                sequence INTEGER PRIMARY KEY AUTOINCREMENT,
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
            CREATE INDEX ix_outbox_pending ON outbox (state, next_attempt_at);
            CREATE INDEX ix_outbox_case ON outbox (case_id);
            """),
        new(2, "definition drafts, published versions, designer layouts", """
            CREATE TABLE definition_drafts (
                code TEXT PRIMARY KEY,
                yaml TEXT NOT NULL,
                revision INTEGER NOT NULL,
                author TEXT NOT NULL,
                saved_at INTEGER NOT NULL);
            CREATE TABLE definition_versions (
                code TEXT NOT NULL,
                version INTEGER NOT NULL,
                yaml TEXT NOT NULL,
                author TEXT NOT NULL,
                published_at INTEGER NOT NULL,
                source TEXT NOT NULL,
                PRIMARY KEY (code, version));
            CREATE TABLE definition_layouts (
                code TEXT PRIMARY KEY,
                layout_json TEXT NOT NULL,
                saved_at INTEGER NOT NULL);
            """),
        new(3, "snapshot seals: a hash of each case's snapshot bound to its head event", """
            ALTER TABLE cases ADD COLUMN snapshot_hash TEXT;
            UPDATE cases SET snapshot_hash = hongqi_snapshot_seal(case_id, version, head_hash, status, state_json);
            """),
    ];

    /// <summary>
    /// Gives the connection the SQL function <c>hongqi_snapshot_seal</c> (<see cref="SnapshotSeal.Compute"/>), with which
    /// migration 3 seals the cases written before seals existed, as they stand at the upgrade.
    /// </summary>
    public static void AddFunctions(Microsoft.Data.Sqlite.SqliteConnection connection) =>
        connection.CreateFunction<string, long, string, string, string, string>(
            "hongqi_snapshot_seal", (caseId, version, head, status, state) => SnapshotSeal.Compute(caseId, version, head, status, state), isDeterministic: true);
}
