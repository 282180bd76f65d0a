#!/usr/bin/env bash
# What a durable command costs PostgreSQL itself, before any .NET code runs: pgbench (prepared statements, one
# and eight clients, a C client whose own cost is negligible) on a throw-away cluster holding the store's schema, comparing
#   raw      the baseline of PostgresAppendBenchmarks: one upsert of one row with one index
#   rows     the rows one durable command writes (idempotency record, case, event, timer, outbox message) in ONE
#            plain statement of data-modifying CTEs, with no checks: a floor for writing them at all
#   append   the store's own statement: hongqi_append with one command (the checks included)
#   onerow   one row per command: the event row carries its idempotency key, timer (due time, state) and outbox
#            message as columns, served by partial indexes; the case row is written beside it (same statement shape
#            as rows: a new case each time)
#   onerowup the same, with the case row updated in place (HOT) instead of inserted: the usual command
# and the cost of a flush on this disk (pg_test_fsync). Run as root from the repository:
#   bash docs/measurements/postgres-floor.sh [seconds per statement]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH=${1:-6}
export PG_PORT=${PG_PORT:-55480}
source .ci/postgres.sh
start_postgres
trap stop_postgres EXIT
PSQL="psql -h 127.0.0.1 -p $PG_PORT -U postgres -q -v ON_ERROR_STOP=1"
$PSQL -c "CREATE DATABASE floor"
CS="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=floor"
# Opening the store applies its migrations; verifying an empty store changes nothing.
# HONGQI_CLI names an already built CLI (e.g. "dotnet path/to/hongqi.dll") instead of building it here.
${HONGQI_CLI:-dotnet run -c Release --project engine/HongqiFlow.Cli --} audit verify --store "$CS" >/dev/null
$PSQL -d floor -c "CREATE TABLE bench_rows (id text PRIMARY KEY, version bigint NOT NULL, payload text NOT NULL)"
$PSQL -d floor <<'SQL'
CREATE TABLE onerow_events (case_id text COLLATE "C" NOT NULL, version bigint NOT NULL, type text NOT NULL, payload_json text NOT NULL, occurred_at bigint NOT NULL,
  hash text NOT NULL, previous_hash text NOT NULL, idempotency_key text, result_json text,
  timer_id text, timer_kind text, timer_due bigint, timer_payload text, timer_state int, timer_lease_owner text, timer_lease_until bigint, timer_attempts int,
  message_id text, channel text, message_json text, message_state int, message_attempts int, next_attempt_at bigint, message_lease_until bigint,
  PRIMARY KEY (case_id, version));
CREATE UNIQUE INDEX ix_onerow_key ON onerow_events (idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX ix_onerow_timers ON onerow_events (timer_due) WHERE timer_state = 0;
CREATE INDEX ix_onerow_outbox ON onerow_events (next_attempt_at) WHERE message_state = 0;
-- the cases updated in place by onerowup: 1,000 of them, as a working set
INSERT INTO cases (case_id, definition_id, status, version, head_hash, state_json, created_at, updated_at)
  SELECT 'uc' || g, 'enterprise-establishment', 'running', 1, repeat('0', 64), '{"state":"review","version":1}', 1, 1 FROM generate_series(1, 1000) g;
SQL

SCRIPTS=$(mktemp -d)
cat > "$SCRIPTS/raw.sql" <<'SQL'
\set r random(1, 1000000000)
INSERT INTO bench_rows (id, version, payload) VALUES ('p' || :r, 1, '{"command":"x","by":"窗口受理","state":"review"}') ON CONFLICT (id) DO UPDATE SET version = excluded.version, payload = excluded.payload;
SQL
cat > "$SCRIPTS/rows.sql" <<'SQL'
\set r random(1, 1000000000)
WITH k AS (INSERT INTO command_results (idempotency_key, case_id, version, result_json) VALUES ('qk' || :r, 'qc' || :r, 1, '{}') ON CONFLICT DO NOTHING RETURNING 1),
ci AS (INSERT INTO cases (case_id, definition_id, status, version, head_hash, state_json, created_at, updated_at) SELECT 'qc' || :r, 'enterprise-establishment', 'running', 1, md5(:r::text) || md5(:r::text), '{"state":"review","version":1}', 1, 1 WHERE EXISTS (SELECT 1 FROM k) ON CONFLICT DO NOTHING RETURNING 1),
ev AS (INSERT INTO events (case_id, version, type, payload_json, occurred_at, hash, previous_hash) SELECT 'qc' || :r, 1, 'step', '{"command":"x","by":"窗口受理"}', 1, md5(:r::text) || md5(:r::text), repeat('0', 64) WHERE EXISTS (SELECT 1 FROM ci)),
ts AS (INSERT INTO timers (timer_id, case_id, kind, due_at, payload_json, state, lease_owner, lease_until, attempts) SELECT 'qtm' || :r, 'qc' || :r, 'deadline', 5, '{}', 0, NULL, NULL, 0 WHERE EXISTS (SELECT 1 FROM ci)),
ob AS (INSERT INTO outbox (message_id, case_id, channel, payload_json, state, attempts, next_attempt_at, created_at) SELECT 'qmsg' || :r, 'qc' || :r, 'log', '{"notice":"accepted"}', 0, 0, 1, 1 WHERE EXISTS (SELECT 1 FROM ci))
SELECT EXISTS (SELECT 1 FROM ci);
SQL
cat > "$SCRIPTS/onerow.sql" <<'SQL'
\set r random(1, 1000000000)
WITH ci AS (INSERT INTO cases (case_id, definition_id, status, version, head_hash, state_json, created_at, updated_at) VALUES ('oc' || :r, 'enterprise-establishment', 'running', 1, md5(:r::text) || md5(:r::text), '{"state":"review","version":1}', 1, 1) ON CONFLICT DO NOTHING RETURNING 1),
ev AS (INSERT INTO onerow_events (case_id, version, type, payload_json, occurred_at, hash, previous_hash, idempotency_key, result_json, timer_id, timer_kind, timer_due, timer_payload, timer_state, timer_attempts, message_id, channel, message_json, message_state, message_attempts, next_attempt_at)
  SELECT 'oc' || :r, 1, 'step', '{"command":"x","by":"窗口受理"}', 1, md5(:r::text) || md5(:r::text), repeat('0', 64), 'ok' || :r, '{}', 'otm' || :r, 'deadline', 5, '{}', 0, 0, 'omsg' || :r, 'log', '{"notice":"accepted"}', 0, 0, 1 WHERE EXISTS (SELECT 1 FROM ci))
SELECT EXISTS (SELECT 1 FROM ci);
SQL
cat > "$SCRIPTS/onerowup.sql" <<'SQL'
\set r random(1, 1000000000)
\set c random(1, 1000)
WITH cu AS (UPDATE cases SET version = version + 1, head_hash = md5(:r::text) || md5(:r::text), state_json = '{"state":"review","version":2}', updated_at = 2 WHERE case_id = 'uc' || :c RETURNING version),
ev AS (INSERT INTO onerow_events (case_id, version, type, payload_json, occurred_at, hash, previous_hash, idempotency_key, result_json, timer_id, timer_kind, timer_due, timer_payload, timer_state, timer_attempts, message_id, channel, message_json, message_state, message_attempts, next_attempt_at)
  SELECT 'uc' || :c, cu.version, 'step', '{"command":"x","by":"窗口受理"}', 1, md5(:r::text) || md5(:r::text), repeat('0', 64), 'uk' || :r, '{}', 'utm' || :r, 'deadline', 5, '{}', 0, 0, 'umsg' || :r, 'log', '{"notice":"accepted"}', 0, 0, 1 FROM cu)
SELECT version FROM cu;
SQL
cat > "$SCRIPTS/append.sql" <<'SQL'
\set r random(1, 1000000000)
SELECT * FROM hongqi_append(ARRAY['ac' || :r], ARRAY[0]::bigint[], ARRAY[repeat('0', 64)], ARRAY[md5(:r::text) || md5(:r::text)], ARRAY['enterprise-establishment'], ARRAY['ak' || :r], ARRAY['{}'], ARRAY[NULL]::text[], ARRAY[NULL]::text[], ARRAY['running'], ARRAY['{"state":"review","version":1}'], ARRAY[md5(:r::text) || md5(:r::text)], ARRAY['sm3'], ARRAY[1]::bigint[], ARRAY[1], ARRAY[1], ARRAY[1]::bigint[], ARRAY['step'], ARRAY['{"command":"x","by":"窗口受理"}'], ARRAY[1]::bigint[], ARRAY[md5(:r::text) || md5(:r::text)], ARRAY[repeat('0', 64)], '{}'::int[], '{}'::text[], ARRAY[1], ARRAY['atm' || :r], ARRAY['deadline'], ARRAY[5]::bigint[], ARRAY['{}'], ARRAY[1], ARRAY['amsg' || :r], ARRAY['log'], ARRAY['{"notice":"accepted"}']);
SQL

echo "flush cost on this disk:"
su postgres -s /bin/bash -c "cd /tmp && $PG_BIN/pg_test_fsync -s 2 -f $PG_DIR/fsync.test" | grep -E "fdatasync|^ +fsync " | head -2
for clients in 1 8; do
  for round in 1 2; do
    for s in raw rows append onerow onerowup; do
      tps=$(pgbench -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -M prepared -c "$clients" -j 2 -T "$SECONDS_EACH" -f "$SCRIPTS/$s.sql" floor 2>"$SCRIPTS/$s.err" | awk '/^tps/ {print $3}')
      [ -n "$tps" ] || { echo "$s failed:"; cat "$SCRIPTS/$s.err"; exit 1; }
      printf '%d client(s)  round %d  %-7s %10.0f statements per second\n' "$clients" "$round" "$s" "$tps"
    done
  done
done
rm -rf "$SCRIPTS"
