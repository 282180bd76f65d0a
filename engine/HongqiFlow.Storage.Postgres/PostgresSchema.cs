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
        new(1, "cases, events, command results, timers, outbox", DdlDialect.Postgres.Write(StoreTables.Cases)),
        new(2, "definition drafts, published versions, designer layouts", DdlDialect.Postgres.Write(StoreTables.Definitions)),
        new(3, "appends in one statement: hongqi_append", """
            CREATE FUNCTION hongqi_append(
                p_cases text[], p_expected bigint[], p_heads text[], p_new_heads text[], p_definitions text[],
                p_keys text[], p_results text[], p_timers text[], p_nodes text[],
                p_statuses text[], p_states text[], p_nows bigint[], p_event_counts int[],
                e_cmd int[], e_versions bigint[], e_types text[], e_payloads text[], e_occurred bigint[], e_hashes text[], e_previous text[],
                c_cmd int[], c_ids text[],
                t_cmd int[], t_ids text[], t_kinds text[], t_due bigint[], t_payloads text[],
                m_cmd int[], m_ids text[], m_channels text[], m_payloads text[])
            RETURNS TABLE (o_outcome int, o_version bigint, o_text text)
            LANGUAGE plpgsql AS $fn$
            -- Outcomes: 0 appended, 1 repeated key (o_text: the first result), 2 version conflict (o_version: the
            -- version found), 3 another head at the expected version (o_text: that head), 4 timer claim lost.
            -- A command is checked before anything of it is written, and a failed one takes its key back, so
            -- commands fail alone. The caller sends at most one command per case.
            DECLARE
                v_ok int[] := '{}';
                v_new bigint;
                v_found bigint;
                v_head text;
                v_result text;
            BEGIN
                FOR i IN 1 .. cardinality(p_cases) LOOP
                    v_new := p_expected[i] + p_event_counts[i];
                    o_outcome := 0;
                    o_version := v_new;
                    o_text := NULL;

                    -- The key row first: a concurrent repeat waits here for the first to commit, then returns its result.
                    IF p_keys[i] IS NOT NULL THEN
                        INSERT INTO command_results (idempotency_key, case_id, version, result_json)
                        VALUES (p_keys[i], p_cases[i], v_new, p_results[i]) ON CONFLICT (idempotency_key) DO NOTHING;
                        IF NOT FOUND THEN
                            SELECT r.version, r.result_json INTO v_found, v_result FROM command_results r WHERE r.idempotency_key = p_keys[i];
                            o_outcome := 1;
                            o_version := v_found;
                            o_text := v_result;
                            RETURN NEXT;
                            CONTINUE;
                        END IF;
                    END IF;

                    IF p_timers[i] IS NOT NULL THEN
                        PERFORM 1 FROM timers WHERE timer_id = p_timers[i] AND state = 0 AND lease_owner = p_nodes[i] FOR UPDATE;
                        IF NOT FOUND THEN
                            o_outcome := 4;
                        END IF;
                    END IF;

                    -- The version, and the head the events were chained from, checked in the write that locks the case.
                    IF o_outcome = 0 AND p_expected[i] = 0 THEN
                        INSERT INTO cases (case_id, definition_id, status, version, head_hash, state_json, created_at, updated_at)
                        VALUES (p_cases[i], p_definitions[i], p_statuses[i], v_new, p_new_heads[i], p_states[i], p_nows[i], p_nows[i])
                        ON CONFLICT (case_id) DO NOTHING;
                        IF NOT FOUND THEN
                            SELECT c.version INTO v_found FROM cases c WHERE c.case_id = p_cases[i];
                            o_outcome := 2;
                            o_version := COALESCE(v_found, 1);
                        END IF;
                    ELSIF o_outcome = 0 THEN
                        UPDATE cases SET version = v_new, head_hash = p_new_heads[i], status = p_statuses[i], state_json = p_states[i], updated_at = p_nows[i]
                        WHERE case_id = p_cases[i] AND version = p_expected[i] AND head_hash = p_heads[i];
                        IF NOT FOUND THEN
                            SELECT c.version, c.head_hash INTO v_found, v_head FROM cases c WHERE c.case_id = p_cases[i];
                            IF v_found = p_expected[i] THEN
                                o_outcome := 3;
                                o_text := v_head;
                            ELSE
                                o_outcome := 2;
                                o_version := COALESCE(v_found, 0);
                            END IF;
                        END IF;
                    END IF;

                    IF o_outcome = 0 THEN
                        IF p_timers[i] IS NOT NULL THEN
                            UPDATE timers SET state = 1 WHERE timer_id = p_timers[i];
                        END IF;
                        v_ok := v_ok || i;
                    ELSIF p_keys[i] IS NOT NULL THEN
                        DELETE FROM command_results WHERE idempotency_key = p_keys[i];
                    END IF;

                    RETURN NEXT;
                END LOOP;

                IF cardinality(v_ok) = 0 THEN
                    RETURN;
                END IF;

                IF cardinality(e_cmd) > 0 THEN
                    INSERT INTO events (case_id, version, type, payload_json, occurred_at, hash, previous_hash)
                    SELECT p_cases[e.c], e.v, e.t, e.p, e.o, e.h, e.ph
                    FROM unnest(e_cmd, e_versions, e_types, e_payloads, e_occurred, e_hashes, e_previous) AS e(c, v, t, p, o, h, ph)
                    WHERE e.c = ANY (v_ok);
                END IF;

                -- Cancellations before schedules: a timer cancelled and scheduled again by one command is scheduled.
                IF cardinality(c_cmd) > 0 THEN
                    UPDATE timers SET state = 2
                    WHERE state = 0 AND timer_id IN (SELECT x.id FROM unnest(c_cmd, c_ids) AS x(c, id) WHERE x.c = ANY (v_ok));
                END IF;

                IF cardinality(t_cmd) > 0 THEN
                    INSERT INTO timers (timer_id, case_id, kind, due_at, payload_json, state, lease_owner, lease_until, attempts)
                    SELECT t.id, p_cases[t.c], t.k, t.d, t.p, 0, NULL, NULL, 0
                    FROM unnest(t_cmd, t_ids, t_kinds, t_due, t_payloads) AS t(c, id, k, d, p)
                    WHERE t.c = ANY (v_ok)
                    ON CONFLICT (timer_id) DO UPDATE SET case_id = excluded.case_id, kind = excluded.kind, due_at = excluded.due_at,
                        payload_json = excluded.payload_json, state = 0, lease_owner = NULL, lease_until = NULL, attempts = 0;
                END IF;

                IF cardinality(m_cmd) > 0 THEN
                    INSERT INTO outbox (message_id, case_id, channel, payload_json, state, attempts, next_attempt_at, created_at)
                    SELECT m.id, p_cases[m.c], m.ch, m.p, 0, 0, p_nows[m.c], p_nows[m.c]
                    FROM unnest(m_cmd, m_ids, m_channels, m_payloads) WITH ORDINALITY AS m(c, id, ch, p, n)
                    WHERE m.c = ANY (v_ok)
                    ORDER BY m.n
                    ON CONFLICT (message_id) DO NOTHING;
                END IF;
            END
            $fn$;
            """),
        new(4, "snapshot seals: a hash of each case's snapshot bound to its head event; hongqi_append writes it", DdlDialect.Postgres.AddColumn(StoreTables.SealColumn.Table, StoreTables.SealColumn.Column) + """
            -- Cases written before seals existed are sealed as they stand at the upgrade (SnapshotSeal.Compute, in SQL).
            UPDATE cases SET snapshot_hash = encode(sha256(convert_to(concat_ws(E'\n', 'hongqi-snapshot-v1',
                encode(sha256(convert_to(case_id, 'UTF8')), 'hex'), version::text, head_hash,
                encode(sha256(convert_to(status, 'UTF8')), 'hex'), encode(sha256(convert_to(state_json, 'UTF8')), 'hex')), 'UTF8')), 'hex');
            DROP FUNCTION hongqi_append(text[], bigint[], text[], text[], text[], text[], text[], text[], text[], text[], text[], bigint[], int[],
                int[], bigint[], text[], text[], bigint[], text[], text[], int[], text[], int[], text[], text[], bigint[], text[], int[], text[], text[], text[]);
            CREATE FUNCTION hongqi_append(
                p_cases text[], p_expected bigint[], p_heads text[], p_new_heads text[], p_definitions text[],
                p_keys text[], p_results text[], p_timers text[], p_nodes text[],
                p_statuses text[], p_states text[], p_seals text[], p_nows bigint[], p_event_counts int[],
                e_cmd int[], e_versions bigint[], e_types text[], e_payloads text[], e_occurred bigint[], e_hashes text[], e_previous text[],
                c_cmd int[], c_ids text[],
                t_cmd int[], t_ids text[], t_kinds text[], t_due bigint[], t_payloads text[],
                m_cmd int[], m_ids text[], m_channels text[], m_payloads text[])
            RETURNS TABLE (o_outcome int, o_version bigint, o_text text)
            LANGUAGE plpgsql AS $fn$
            -- Outcomes: 0 appended, 1 repeated key (o_text: the first result), 2 version conflict (o_version: the
            -- version found), 3 another head at the expected version (o_text: that head), 4 timer claim lost.
            -- A command is checked before anything of it is written, and a failed one takes its key back, so
            -- commands fail alone. The caller sends at most one command per case.
            DECLARE
                v_ok int[] := '{}';
                v_new bigint;
                v_found bigint;
                v_head text;
                v_result text;
            BEGIN
                FOR i IN 1 .. cardinality(p_cases) LOOP
                    v_new := p_expected[i] + p_event_counts[i];
                    o_outcome := 0;
                    o_version := v_new;
                    o_text := NULL;

                    -- The key row first: a concurrent repeat waits here for the first to commit, then returns its result.
                    IF p_keys[i] IS NOT NULL THEN
                        INSERT INTO command_results (idempotency_key, case_id, version, result_json)
                        VALUES (p_keys[i], p_cases[i], v_new, p_results[i]) ON CONFLICT (idempotency_key) DO NOTHING;
                        IF NOT FOUND THEN
                            SELECT r.version, r.result_json INTO v_found, v_result FROM command_results r WHERE r.idempotency_key = p_keys[i];
                            o_outcome := 1;
                            o_version := v_found;
                            o_text := v_result;
                            RETURN NEXT;
                            CONTINUE;
                        END IF;
                    END IF;

                    IF p_timers[i] IS NOT NULL THEN
                        PERFORM 1 FROM timers WHERE timer_id = p_timers[i] AND state = 0 AND lease_owner = p_nodes[i] FOR UPDATE;
                        IF NOT FOUND THEN
                            o_outcome := 4;
                        END IF;
                    END IF;

                    -- The version, and the head the events were chained from, checked in the write that locks the case.
                    IF o_outcome = 0 AND p_expected[i] = 0 THEN
                        INSERT INTO cases (case_id, definition_id, status, version, head_hash, state_json, snapshot_hash, created_at, updated_at)
                        VALUES (p_cases[i], p_definitions[i], p_statuses[i], v_new, p_new_heads[i], p_states[i], p_seals[i], p_nows[i], p_nows[i])
                        ON CONFLICT (case_id) DO NOTHING;
                        IF NOT FOUND THEN
                            SELECT c.version INTO v_found FROM cases c WHERE c.case_id = p_cases[i];
                            o_outcome := 2;
                            o_version := COALESCE(v_found, 1);
                        END IF;
                    ELSIF o_outcome = 0 THEN
                        UPDATE cases SET version = v_new, head_hash = p_new_heads[i], status = p_statuses[i], state_json = p_states[i], snapshot_hash = p_seals[i], updated_at = p_nows[i]
                        WHERE case_id = p_cases[i] AND version = p_expected[i] AND head_hash = p_heads[i];
                        IF NOT FOUND THEN
                            SELECT c.version, c.head_hash INTO v_found, v_head FROM cases c WHERE c.case_id = p_cases[i];
                            IF v_found = p_expected[i] THEN
                                o_outcome := 3;
                                o_text := v_head;
                            ELSE
                                o_outcome := 2;
                                o_version := COALESCE(v_found, 0);
                            END IF;
                        END IF;
                    END IF;

                    IF o_outcome = 0 THEN
                        IF p_timers[i] IS NOT NULL THEN
                            UPDATE timers SET state = 1 WHERE timer_id = p_timers[i];
                        END IF;
                        v_ok := v_ok || i;
                    ELSIF p_keys[i] IS NOT NULL THEN
                        DELETE FROM command_results WHERE idempotency_key = p_keys[i];
                    END IF;

                    RETURN NEXT;
                END LOOP;

                IF cardinality(v_ok) = 0 THEN
                    RETURN;
                END IF;

                IF cardinality(e_cmd) > 0 THEN
                    INSERT INTO events (case_id, version, type, payload_json, occurred_at, hash, previous_hash)
                    SELECT p_cases[e.c], e.v, e.t, e.p, e.o, e.h, e.ph
                    FROM unnest(e_cmd, e_versions, e_types, e_payloads, e_occurred, e_hashes, e_previous) AS e(c, v, t, p, o, h, ph)
                    WHERE e.c = ANY (v_ok);
                END IF;

                -- Cancellations before schedules: a timer cancelled and scheduled again by one command is scheduled.
                IF cardinality(c_cmd) > 0 THEN
                    UPDATE timers SET state = 2
                    WHERE state = 0 AND timer_id IN (SELECT x.id FROM unnest(c_cmd, c_ids) AS x(c, id) WHERE x.c = ANY (v_ok));
                END IF;

                IF cardinality(t_cmd) > 0 THEN
                    INSERT INTO timers (timer_id, case_id, kind, due_at, payload_json, state, lease_owner, lease_until, attempts)
                    SELECT t.id, p_cases[t.c], t.k, t.d, t.p, 0, NULL, NULL, 0
                    FROM unnest(t_cmd, t_ids, t_kinds, t_due, t_payloads) AS t(c, id, k, d, p)
                    WHERE t.c = ANY (v_ok)
                    ON CONFLICT (timer_id) DO UPDATE SET case_id = excluded.case_id, kind = excluded.kind, due_at = excluded.due_at,
                        payload_json = excluded.payload_json, state = 0, lease_owner = NULL, lease_until = NULL, attempts = 0;
                END IF;

                IF cardinality(m_cmd) > 0 THEN
                    INSERT INTO outbox (message_id, case_id, channel, payload_json, state, attempts, next_attempt_at, created_at)
                    SELECT m.id, p_cases[m.c], m.ch, m.p, 0, 0, p_nows[m.c], p_nows[m.c]
                    FROM unnest(m_cmd, m_ids, m_channels, m_payloads) WITH ORDINALITY AS m(c, id, ch, p, n)
                    WHERE m.c = ANY (v_ok)
                    ORDER BY m.n
                    ON CONFLICT (message_id) DO NOTHING;
                END IF;
            END
            $fn$;
            """),
        new(5, "deputies (代理), one per principal", DdlDialect.Postgres.Write(StoreTables.Deputies)),
        new(6, "the chain algorithm of each case (sha256 before, sm3 by default since); hongqi_append records it for new cases", StoreTables.ChainAlgorithmColumn + """
            DROP FUNCTION hongqi_append(text[], bigint[], text[], text[], text[], text[], text[], text[], text[], text[], text[], text[], bigint[], int[],
                int[], bigint[], text[], text[], bigint[], text[], text[], int[], text[], int[], text[], text[], bigint[], text[], int[], text[], text[], text[]);
            CREATE FUNCTION hongqi_append(
                p_cases text[], p_expected bigint[], p_heads text[], p_new_heads text[], p_definitions text[],
                p_keys text[], p_results text[], p_timers text[], p_nodes text[],
                p_statuses text[], p_states text[], p_seals text[], p_algorithms text[], p_nows bigint[], p_event_counts int[],
                e_cmd int[], e_versions bigint[], e_types text[], e_payloads text[], e_occurred bigint[], e_hashes text[], e_previous text[],
                c_cmd int[], c_ids text[],
                t_cmd int[], t_ids text[], t_kinds text[], t_due bigint[], t_payloads text[],
                m_cmd int[], m_ids text[], m_channels text[], m_payloads text[])
            RETURNS TABLE (o_outcome int, o_version bigint, o_text text)
            LANGUAGE plpgsql AS $fn$
            -- Outcomes: 0 appended, 1 repeated key (o_text: the first result), 2 version conflict (o_version: the
            -- version found), 3 another head at the expected version (o_text: that head), 4 timer claim lost.
            -- A command is checked before anything of it is written, and a failed one takes its key back, so
            -- commands fail alone. The caller sends at most one command per case.
            DECLARE
                v_ok int[] := '{}';
                v_new bigint;
                v_found bigint;
                v_head text;
                v_result text;
            BEGIN
                FOR i IN 1 .. cardinality(p_cases) LOOP
                    v_new := p_expected[i] + p_event_counts[i];
                    o_outcome := 0;
                    o_version := v_new;
                    o_text := NULL;

                    -- The key row first: a concurrent repeat waits here for the first to commit, then returns its result.
                    IF p_keys[i] IS NOT NULL THEN
                        INSERT INTO command_results (idempotency_key, case_id, version, result_json)
                        VALUES (p_keys[i], p_cases[i], v_new, p_results[i]) ON CONFLICT (idempotency_key) DO NOTHING;
                        IF NOT FOUND THEN
                            SELECT r.version, r.result_json INTO v_found, v_result FROM command_results r WHERE r.idempotency_key = p_keys[i];
                            o_outcome := 1;
                            o_version := v_found;
                            o_text := v_result;
                            RETURN NEXT;
                            CONTINUE;
                        END IF;
                    END IF;

                    IF p_timers[i] IS NOT NULL THEN
                        PERFORM 1 FROM timers WHERE timer_id = p_timers[i] AND state = 0 AND lease_owner = p_nodes[i] FOR UPDATE;
                        IF NOT FOUND THEN
                            o_outcome := 4;
                        END IF;
                    END IF;

                    -- The version, and the head the events were chained from, checked in the write that locks the case.
                    IF o_outcome = 0 AND p_expected[i] = 0 THEN
                        INSERT INTO cases (case_id, definition_id, status, version, head_hash, state_json, snapshot_hash, created_at, updated_at, chain_algorithm)
                        VALUES (p_cases[i], p_definitions[i], p_statuses[i], v_new, p_new_heads[i], p_states[i], p_seals[i], p_nows[i], p_nows[i], p_algorithms[i])
                        ON CONFLICT (case_id) DO NOTHING;
                        IF NOT FOUND THEN
                            SELECT c.version INTO v_found FROM cases c WHERE c.case_id = p_cases[i];
                            o_outcome := 2;
                            o_version := COALESCE(v_found, 1);
                        END IF;
                    ELSIF o_outcome = 0 THEN
                        UPDATE cases SET version = v_new, head_hash = p_new_heads[i], status = p_statuses[i], state_json = p_states[i], snapshot_hash = p_seals[i], updated_at = p_nows[i]
                        WHERE case_id = p_cases[i] AND version = p_expected[i] AND head_hash = p_heads[i];
                        IF NOT FOUND THEN
                            SELECT c.version, c.head_hash INTO v_found, v_head FROM cases c WHERE c.case_id = p_cases[i];
                            IF v_found = p_expected[i] THEN
                                o_outcome := 3;
                                o_text := v_head;
                            ELSE
                                o_outcome := 2;
                                o_version := COALESCE(v_found, 0);
                            END IF;
                        END IF;
                    END IF;

                    IF o_outcome = 0 THEN
                        IF p_timers[i] IS NOT NULL THEN
                            UPDATE timers SET state = 1 WHERE timer_id = p_timers[i];
                        END IF;
                        v_ok := v_ok || i;
                    ELSIF p_keys[i] IS NOT NULL THEN
                        DELETE FROM command_results WHERE idempotency_key = p_keys[i];
                    END IF;

                    RETURN NEXT;
                END LOOP;

                IF cardinality(v_ok) = 0 THEN
                    RETURN;
                END IF;

                IF cardinality(e_cmd) > 0 THEN
                    INSERT INTO events (case_id, version, type, payload_json, occurred_at, hash, previous_hash)
                    SELECT p_cases[e.c], e.v, e.t, e.p, e.o, e.h, e.ph
                    FROM unnest(e_cmd, e_versions, e_types, e_payloads, e_occurred, e_hashes, e_previous) AS e(c, v, t, p, o, h, ph)
                    WHERE e.c = ANY (v_ok);
                END IF;

                -- Cancellations before schedules: a timer cancelled and scheduled again by one command is scheduled.
                IF cardinality(c_cmd) > 0 THEN
                    UPDATE timers SET state = 2
                    WHERE state = 0 AND timer_id IN (SELECT x.id FROM unnest(c_cmd, c_ids) AS x(c, id) WHERE x.c = ANY (v_ok));
                END IF;

                IF cardinality(t_cmd) > 0 THEN
                    INSERT INTO timers (timer_id, case_id, kind, due_at, payload_json, state, lease_owner, lease_until, attempts)
                    SELECT t.id, p_cases[t.c], t.k, t.d, t.p, 0, NULL, NULL, 0
                    FROM unnest(t_cmd, t_ids, t_kinds, t_due, t_payloads) AS t(c, id, k, d, p)
                    WHERE t.c = ANY (v_ok)
                    ON CONFLICT (timer_id) DO UPDATE SET case_id = excluded.case_id, kind = excluded.kind, due_at = excluded.due_at,
                        payload_json = excluded.payload_json, state = 0, lease_owner = NULL, lease_until = NULL, attempts = 0;
                END IF;

                IF cardinality(m_cmd) > 0 THEN
                    INSERT INTO outbox (message_id, case_id, channel, payload_json, state, attempts, next_attempt_at, created_at)
                    SELECT m.id, p_cases[m.c], m.ch, m.p, 0, 0, p_nows[m.c], p_nows[m.c]
                    FROM unnest(m_cmd, m_ids, m_channels, m_payloads) WITH ORDINALITY AS m(c, id, ch, p, n)
                    WHERE m.c = ANY (v_ok)
                    ORDER BY m.n
                    ON CONFLICT (message_id) DO NOTHING;
                END IF;
            END
            $fn$;
            """),
        new(7, "signed checkpoints of every case's head", DdlDialect.Postgres.Write(StoreTables.Checkpoints)),
        new(8, "personal data: each case's wrapped data key and the keyed hash of its ID number", DdlDialect.Postgres.Write(StoreTables.PersonalDataKeys)),
        new(9, "the operations audit (安全审计): an append-only SM3 hash chain", DdlDialect.Postgres.Write(StoreTables.Operations) + StoreTables.OperationsGenesisRow + """
            CREATE FUNCTION hongqi_operations_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                RAISE EXCEPTION 'the operations audit is append-only';
            END
            $fn$;
            CREATE TRIGGER operations_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON operations
                FOR EACH STATEMENT EXECUTE FUNCTION hongqi_operations_append_only();
            """),
        new(10, "the indicator projection: each case's counts and the totals per day and scope", DdlDialect.Postgres.Write(StoreTables.Indicators)),
        new(11, "the applicant's name parts by their keyed hash, for the search by name", DdlDialect.Postgres.Write(StoreTables.NameLookups) + StoreTables.NamesIndexedColumn),
    ];
}
