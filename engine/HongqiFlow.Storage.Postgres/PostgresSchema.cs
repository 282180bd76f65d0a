using HongqiFlow.Storage.Sql;

namespace HongqiFlow.Storage.Postgres;

/// <summary>
/// The PostgreSQL schema, as numbered migrations. Payloads are <c>text</c>, not <c>jsonb</c>: the audit chain
/// hashes the stored bytes, and jsonb would rewrite them. Ids use the "C" collation so paging order is byte order
/// on every server, whatever its locale. Never edit a released step: add the next one.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>Serialises migrations when several nodes start at once.</summary>
    public const string MigrationLock = "SELECT pg_advisory_xact_lock(4851102533)";

    public static readonly IReadOnlyList<SchemaMigration> Migrations =
    [
        new(1, "cases, events, command results, timers, outbox", """
            CREATE TABLE cases (
                case_id text COLLATE "C" PRIMARY KEY,
                definition_id text NOT NULL,
                status text NOT NULL,
                version bigint NOT NULL,
                head_hash text NOT NULL,
                state_json text NOT NULL,
                created_at bigint NOT NULL,
                updated_at bigint NOT NULL);
            CREATE INDEX ix_cases_status ON cases (status, case_id);
            CREATE INDEX ix_cases_definition ON cases (definition_id, case_id);
            CREATE TABLE events (
                case_id text COLLATE "C" NOT NULL,
                version bigint NOT NULL,
                type text NOT NULL,
                payload_json text NOT NULL,
                occurred_at bigint NOT NULL,
                hash text NOT NULL,
                previous_hash text NOT NULL,
                PRIMARY KEY (case_id, version));
            CREATE TABLE command_results (
                idempotency_key text PRIMARY KEY,
                case_id text NOT NULL,
                version bigint NOT NULL,
                result_json text NOT NULL);
            CREATE TABLE timers (
                timer_id text COLLATE "C" PRIMARY KEY,
                case_id text COLLATE "C" NOT NULL,
                kind text NOT NULL,
                due_at bigint NOT NULL,
                payload_json text NOT NULL,
                state bigint NOT NULL,
                lease_owner text,
                lease_until bigint,
                attempts bigint NOT NULL);
            CREATE INDEX ix_timers_due ON timers (due_at) WHERE state = 0;
            CREATE INDEX ix_timers_case ON timers (case_id);
            CREATE TABLE outbox (
                sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                message_id text NOT NULL UNIQUE,
                case_id text COLLATE "C" NOT NULL,
                channel text NOT NULL,
                payload_json text NOT NULL,
                state bigint NOT NULL,
                attempts bigint NOT NULL,
                next_attempt_at bigint NOT NULL,
                last_error text,
                created_at bigint NOT NULL,
                delivered_at bigint,
                lease_owner text,
                lease_until bigint);
            CREATE INDEX ix_outbox_pending ON outbox (next_attempt_at) WHERE state = 0;
            CREATE INDEX ix_outbox_case ON outbox (case_id);
            """),
        new(2, "definition drafts, published versions, designer layouts", """
            CREATE TABLE definition_drafts (
                code text COLLATE "C" PRIMARY KEY,
                yaml text NOT NULL,
                revision bigint NOT NULL,
                author text NOT NULL,
                saved_at bigint NOT NULL);
            CREATE TABLE definition_versions (
                code text COLLATE "C" NOT NULL,
                version bigint NOT NULL,
                yaml text NOT NULL,
                author text NOT NULL,
                published_at bigint NOT NULL,
                source text NOT NULL,
                PRIMARY KEY (code, version));
            CREATE TABLE definition_layouts (
                code text COLLATE "C" PRIMARY KEY,
                layout_json text NOT NULL,
                saved_at bigint NOT NULL);
            """),
    ];
}
