"""
What a durable command costs SQLite itself, before any HongqiFlow or .NET code runs.

Runs the raw baseline of SqliteAppendBenchmarks (one row per transaction) side by side with the rows one durable
command writes (idempotency record, case row, event, timer, outbox message, in one transaction), through the
SQLite C library directly, in WAL mode with synchronous=FULL, on three layouts:

  store     the statements and schema of HongqiFlow.Storage.Sqlite before migration 9 (SqliteSchema migration 1,
            SqlCaseOperations.AppendAsync as it was)
  store9    the same after migration 9: keys and timers WITHOUT ROWID, the outbox without AUTOINCREMENT, and the
            case's UPDATE leaving status out when it stays (the store today)
  lean      the fewest indexes that still answer the contract's reads (WITHOUT ROWID keys, partial queue indexes,
            no by-case or case-list indexes)
  bare      five tables with no secondary index at all: a lower bound for any layout that keeps each kind apart
  onerow    one row per command: the event row carries its idempotency key, timer (due time, state) and outbox
            message as columns, served by partial indexes (unique keys, pending timers, undelivered messages);
            the case row is updated in place
  store11   the store since migration 11 (the one-row layout as adopted): events in a rowid table with a unique
            (case_id, version) index, the key, timer and message on the event row, partial indexes by key, by timer id,
            pending timers, by message id and undelivered messages, and SqliteEventRows.AppendAsync's statements

Rounds interleave the baseline and the command (200 transactions each); the ratio is the median of the rounds'
ratios. WAL frames per commit are counted from the WAL's growth with checkpoints off.

    python3 docs/measurements/sqlite-floor.py [rounds]
"""
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time

STORE = """
CREATE TABLE cases (case_id TEXT PRIMARY KEY, definition_id TEXT NOT NULL, status TEXT NOT NULL, version INTEGER NOT NULL, head_hash TEXT NOT NULL, state_json TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE INDEX ix_cases_status ON cases (status, case_id);
CREATE INDEX ix_cases_definition ON cases (definition_id, case_id);
CREATE TABLE events (case_id TEXT NOT NULL, version INTEGER NOT NULL, type TEXT NOT NULL, payload_json TEXT NOT NULL, occurred_at INTEGER NOT NULL, hash TEXT NOT NULL, previous_hash TEXT NOT NULL, PRIMARY KEY (case_id, version)) WITHOUT ROWID;
CREATE TABLE command_results (idempotency_key TEXT PRIMARY KEY, case_id TEXT NOT NULL, version INTEGER NOT NULL, result_json TEXT NOT NULL);
CREATE TABLE timers (timer_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, kind TEXT NOT NULL, due_at INTEGER NOT NULL, payload_json TEXT NOT NULL, state INTEGER NOT NULL, lease_owner TEXT, lease_until INTEGER, attempts INTEGER NOT NULL);
CREATE INDEX ix_timers_due ON timers (state, due_at);
CREATE INDEX ix_timers_case ON timers (case_id);
CREATE TABLE outbox (sequence INTEGER PRIMARY KEY AUTOINCREMENT, message_id TEXT NOT NULL UNIQUE, case_id TEXT NOT NULL, channel TEXT NOT NULL, payload_json TEXT NOT NULL, state INTEGER NOT NULL, attempts INTEGER NOT NULL, next_attempt_at INTEGER NOT NULL, last_error TEXT, created_at INTEGER NOT NULL, delivered_at INTEGER, lease_owner TEXT, lease_until INTEGER);
CREATE INDEX ix_outbox_pending ON outbox (state, next_attempt_at);
CREATE INDEX ix_outbox_case ON outbox (case_id);
"""

STORE9 = (STORE
          .replace("result_json TEXT NOT NULL);", "result_json TEXT NOT NULL) WITHOUT ROWID;")
          .replace("attempts INTEGER NOT NULL);\nCREATE INDEX ix_timers_due", "attempts INTEGER NOT NULL) WITHOUT ROWID;\nCREATE INDEX ix_timers_due")
          .replace("sequence INTEGER PRIMARY KEY AUTOINCREMENT", "sequence INTEGER PRIMARY KEY"))
assert STORE9.count("WITHOUT ROWID") == 3 and "AUTOINCREMENT" not in STORE9

LEAN = """
CREATE TABLE cases (case_id TEXT PRIMARY KEY, definition_id TEXT NOT NULL, status TEXT NOT NULL, version INTEGER NOT NULL, head_hash TEXT NOT NULL, state_json TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE events (case_id TEXT NOT NULL, version INTEGER NOT NULL, type TEXT NOT NULL, payload_json TEXT NOT NULL, occurred_at INTEGER NOT NULL, hash TEXT NOT NULL, previous_hash TEXT NOT NULL, PRIMARY KEY (case_id, version)) WITHOUT ROWID;
CREATE TABLE command_results (idempotency_key TEXT PRIMARY KEY, case_id TEXT NOT NULL, version INTEGER NOT NULL, result_json TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE timers (timer_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, kind TEXT NOT NULL, due_at INTEGER NOT NULL, payload_json TEXT NOT NULL, state INTEGER NOT NULL, lease_owner TEXT, lease_until INTEGER, attempts INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX ix_timers_due ON timers (due_at) WHERE state = 0;
CREATE TABLE outbox (sequence INTEGER PRIMARY KEY, message_id TEXT NOT NULL, case_id TEXT NOT NULL, channel TEXT NOT NULL, payload_json TEXT NOT NULL, state INTEGER NOT NULL, attempts INTEGER NOT NULL, next_attempt_at INTEGER NOT NULL, last_error TEXT, created_at INTEGER NOT NULL, delivered_at INTEGER, lease_owner TEXT, lease_until INTEGER);
CREATE INDEX ix_outbox_pending ON outbox (next_attempt_at) WHERE state = 0;
"""

BARE = """
CREATE TABLE cases (case_id TEXT PRIMARY KEY, definition_id TEXT NOT NULL, status TEXT NOT NULL, version INTEGER NOT NULL, head_hash TEXT NOT NULL, state_json TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE events (case_id TEXT NOT NULL, version INTEGER NOT NULL, type TEXT NOT NULL, payload_json TEXT NOT NULL, occurred_at INTEGER NOT NULL, hash TEXT NOT NULL, previous_hash TEXT NOT NULL, PRIMARY KEY (case_id, version)) WITHOUT ROWID;
CREATE TABLE command_results (idempotency_key TEXT PRIMARY KEY, case_id TEXT NOT NULL, version INTEGER NOT NULL, result_json TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE timers (timer_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, kind TEXT NOT NULL, due_at INTEGER NOT NULL, payload_json TEXT NOT NULL, state INTEGER NOT NULL, lease_owner TEXT, lease_until INTEGER, attempts INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE outbox (sequence INTEGER PRIMARY KEY, message_id TEXT NOT NULL, case_id TEXT NOT NULL, channel TEXT NOT NULL, payload_json TEXT NOT NULL, state INTEGER NOT NULL, attempts INTEGER NOT NULL, next_attempt_at INTEGER NOT NULL, last_error TEXT, created_at INTEGER NOT NULL, delivered_at INTEGER, lease_owner TEXT, lease_until INTEGER);
"""

ONEROW = """
CREATE TABLE cases (case_id TEXT PRIMARY KEY, definition_id TEXT NOT NULL, status TEXT NOT NULL, version INTEGER NOT NULL, head_hash TEXT NOT NULL, state_json TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE events (case_id TEXT NOT NULL, version INTEGER NOT NULL, type TEXT NOT NULL, payload_json TEXT NOT NULL, occurred_at INTEGER NOT NULL, hash TEXT NOT NULL, previous_hash TEXT NOT NULL,
  idempotency_key TEXT, result_json TEXT,
  timer_id TEXT, timer_kind TEXT, timer_due INTEGER, timer_payload TEXT, timer_state INTEGER, timer_lease_owner TEXT, timer_lease_until INTEGER, timer_attempts INTEGER,
  message_id TEXT, channel TEXT, message_json TEXT, message_state INTEGER, message_attempts INTEGER, next_attempt_at INTEGER, message_lease_until INTEGER,
  PRIMARY KEY (case_id, version)) WITHOUT ROWID;
CREATE UNIQUE INDEX ix_events_key ON events (idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX ix_events_timers ON events (timer_due) WHERE timer_state = 0;
CREATE INDEX ix_events_outbox ON events (next_attempt_at) WHERE message_state = 0;
"""

STORE11 = STORE9.replace(
    "CREATE TABLE events (case_id TEXT NOT NULL, version INTEGER NOT NULL, type TEXT NOT NULL, payload_json TEXT NOT NULL, occurred_at INTEGER NOT NULL, hash TEXT NOT NULL, previous_hash TEXT NOT NULL, PRIMARY KEY (case_id, version)) WITHOUT ROWID;",
    """CREATE TABLE events (case_id TEXT NOT NULL, version INTEGER NOT NULL, type TEXT NOT NULL, payload_json TEXT NOT NULL, occurred_at INTEGER NOT NULL, hash TEXT NOT NULL, previous_hash TEXT NOT NULL,
  seq INTEGER PRIMARY KEY, idempotency_key TEXT, result_json TEXT,
  timer_id TEXT, timer_kind TEXT, timer_due INTEGER, timer_payload TEXT, timer_state INTEGER, timer_lease_owner TEXT, timer_lease_until INTEGER, timer_attempts INTEGER,
  message_id TEXT, message_channel TEXT, message_payload TEXT, message_state INTEGER, message_attempts INTEGER, message_next_attempt INTEGER, message_last_error TEXT,
  message_created INTEGER, message_delivered INTEGER, message_lease_owner TEXT, message_lease_until INTEGER);
CREATE UNIQUE INDEX ux_events_case_version ON events (case_id, version);
CREATE UNIQUE INDEX ux_events_key ON events (idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX ix_events_timer ON events (timer_id) WHERE timer_id IS NOT NULL;
CREATE INDEX ix_events_timer_due ON events (timer_due, timer_id) WHERE timer_state = 0;
CREATE INDEX ix_events_message ON events (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX ix_events_message_due ON events (message_next_attempt) WHERE message_state = 0;""")
assert "seq INTEGER PRIMARY KEY" in STORE11

RAW = "CREATE TABLE rows (id TEXT PRIMARY KEY, payload TEXT NOT NULL);"
RAW_PAYLOAD = '{"command":"x","by":"窗口受理","state":"review"}'
HASH = "0" * 64


def open_db(folder, schema, synchronous):
    c = sqlite3.connect(os.path.join(folder, "t.db"), isolation_level=None)
    c.execute("PRAGMA journal_mode = WAL")
    c.execute(f"PRAGMA synchronous = {synchronous}")
    c.executescript(schema + RAW)
    return c


def raw(c, tag, i):
    c.execute("BEGIN")
    c.execute("INSERT INTO rows (id, payload) VALUES (?, ?)", (f"r{tag}-{i}", RAW_PAYLOAD))
    c.execute("COMMIT")


def durable(c, case, i, same_status_left_out=False):
    """The statements of SqlCaseOperations.AppendAsync for one event, one timer and one outbox message."""
    u = f"{case}-{i}"
    c.execute("BEGIN IMMEDIATE")
    c.execute("INSERT INTO command_results (idempotency_key, case_id, version, result_json) VALUES (?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING",
              (f"cmd-{u}", case, i + 1, '{"version":%d}' % (i + 1)))
    if c.execute("SELECT version, head_hash FROM cases WHERE case_id = ?", (case,)).fetchone() is None:
        c.execute("INSERT INTO cases (case_id, definition_id, status, version, head_hash, state_json, created_at, updated_at) VALUES (?, ?, '', 0, ?, '{}', 1, 1) ON CONFLICT (case_id) DO NOTHING",
                  (case, "enterprise-establishment", HASH))
    c.execute("INSERT INTO events (case_id, version, type, payload_json, occurred_at, hash, previous_hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
              (case, i + 1, "step", '{"command":"%s","by":"窗口受理"}' % u, 1, HASH, HASH))
    c.execute("INSERT INTO timers (timer_id, case_id, kind, due_at, payload_json, state, lease_owner, lease_until, attempts) VALUES (?, ?, ?, ?, ?, 0, NULL, NULL, 0) "
              "ON CONFLICT (timer_id) DO UPDATE SET due_at = excluded.due_at, state = 0", (f"tm-{u}", case, "deadline", 432000000, "{}"))
    c.execute("INSERT INTO outbox (message_id, case_id, channel, payload_json, state, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, 0, 0, 1, 1)",
              (f"msg-{u}", case, "log", '{"notice":"accepted"}'))
    if same_status_left_out and i > 0:
        c.execute("UPDATE cases SET version = ?, head_hash = ?, state_json = ?, updated_at = ? WHERE case_id = ?",
                  (i + 1, HASH, '{"state":"review","version":%d}' % (i + 1), 2, case))
    else:
        c.execute("UPDATE cases SET version = ?, head_hash = ?, status = ?, state_json = ?, updated_at = ? WHERE case_id = ?",
                  (i + 1, HASH, "running", '{"state":"review","version":%d}' % (i + 1), 2, case))
    c.execute("COMMIT")


def durable9(c, case, i):
    durable(c, case, i, same_status_left_out=True)


def onerow(c, case, i):
    """One row per command: the key, timer and outbox message ride on the event row; the case row is updated in place."""
    u = f"{case}-{i}"
    c.execute("BEGIN IMMEDIATE")
    if c.execute("SELECT version, head_hash FROM cases WHERE case_id = ?", (case,)).fetchone() is None:
        c.execute("INSERT INTO cases (case_id, definition_id, status, version, head_hash, state_json, created_at, updated_at) VALUES (?, ?, '', 0, ?, '{}', 1, 1) ON CONFLICT (case_id) DO NOTHING",
                  (case, "enterprise-establishment", HASH))
    c.execute("INSERT INTO events (case_id, version, type, payload_json, occurred_at, hash, previous_hash, idempotency_key, result_json, "
              "timer_id, timer_kind, timer_due, timer_payload, timer_state, timer_attempts, message_id, channel, message_json, message_state, message_attempts, next_attempt_at) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?, 0, 0, 1)",
              (case, i + 1, "step", '{"command":"%s","by":"窗口受理"}' % u, 1, HASH, HASH, f"cmd-{u}", '{"version":%d}' % (i + 1),
               f"tm-{u}", "deadline", 432000000, "{}", f"msg-{u}", "log", '{"notice":"accepted"}'))
    c.execute("UPDATE cases SET version = ?, head_hash = ?, status = ?, state_json = ?, updated_at = ? WHERE case_id = ?",
              (i + 1, HASH, "running", '{"state":"review","version":%d}' % (i + 1), 2, case))
    c.execute("COMMIT")


def store11(c, case, i):
    """SqliteEventRows.AppendAsync for one event, one timer and one message: the reads that find nothing, then one event row."""
    u = f"{case}-{i}"
    c.execute("BEGIN IMMEDIATE")
    c.execute("SELECT version, result_json FROM events WHERE idempotency_key = ?", (f"cmd-{u}",)).fetchone()
    c.execute("SELECT version, result_json FROM command_results WHERE idempotency_key = ?", (f"cmd-{u}",)).fetchone()
    if c.execute("SELECT version, head_hash FROM cases WHERE case_id = ?", (case,)).fetchone() is None:
        c.execute("INSERT INTO cases (case_id, definition_id, status, version, head_hash, state_json, created_at, updated_at) VALUES (?, ?, '', 0, ?, '{}', 1, 1) ON CONFLICT (case_id) DO NOTHING",
                  (case, "enterprise-establishment", HASH))
    c.execute("UPDATE events SET timer_id = NULL, timer_state = NULL WHERE timer_id = ?", (f"tm-{u}",))
    c.execute("DELETE FROM timers WHERE timer_id = ?", (f"tm-{u}",))
    c.execute("SELECT 1 FROM events WHERE message_id = ?", (f"msg-{u}",)).fetchone()
    c.execute("SELECT 1 FROM outbox WHERE message_id = ?", (f"msg-{u}",)).fetchone()
    c.execute("INSERT INTO events (case_id, version, type, payload_json, occurred_at, hash, previous_hash, idempotency_key, result_json, "
              "timer_id, timer_kind, timer_due, timer_payload, timer_state, timer_attempts, message_id, message_channel, message_payload, message_state, message_attempts, message_next_attempt, message_created) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?, 0, 0, 1, 1)",
              (case, i + 1, "step", '{"command":"%s","by":"窗口受理"}' % u, 1, HASH, HASH, f"cmd-{u}", '{"version":%d}' % (i + 1),
               f"tm-{u}", "deadline", 432000000, "{}", f"msg-{u}", "log", '{"notice":"accepted"}'))
    if i > 0:
        c.execute("UPDATE cases SET version = ?, head_hash = ?, state_json = ?, updated_at = ? WHERE case_id = ?",
                  (i + 1, HASH, '{"state":"review","version":%d}' % (i + 1), 2, case))
    else:
        c.execute("UPDATE cases SET version = ?, head_hash = ?, status = ?, state_json = ?, updated_at = ? WHERE case_id = ?",
                  (i + 1, HASH, "running", '{"state":"review","version":%d}' % (i + 1), 2, case))
    c.execute("COMMIT")


def measure(schema, synchronous, rounds, per_round=200):
    folder = tempfile.mkdtemp(prefix="hongqi-floor-")
    try:
        c = open_db(folder, schema, synchronous)
        command = onerow if schema is ONEROW else store11 if schema is STORE11 else durable9 if schema is STORE9 else durable
        ratios, raw_us, durable_us = [], [], []
        for r in range(rounds + 1):
            t0 = time.perf_counter()
            for i in range(per_round):
                raw(c, r, i)
            t1 = time.perf_counter()
            for i in range(per_round):
                command(c, f"case-{r}", i)
            t2 = time.perf_counter()
            if r > 0:  # the first round warms the file and the caches
                raw_us.append((t1 - t0) / per_round * 1e6)
                durable_us.append((t2 - t1) / per_round * 1e6)
                ratios.append((t2 - t1) / (t1 - t0))
        c.execute("PRAGMA wal_autocheckpoint = 0")
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        wal = os.path.join(folder, "t.db-wal")
        page = c.execute("PRAGMA page_size").fetchone()[0]
        frame = page + 24
        s0 = os.path.getsize(wal)
        for i in range(per_round):
            command(c, "case-frames", i)
        s1 = os.path.getsize(wal)
        for i in range(per_round):
            raw(c, "frames", i)
        s2 = os.path.getsize(wal)
        c.close()
        return statistics.median(raw_us), statistics.median(durable_us), statistics.median(ratios), (s1 - s0) / per_round / frame, (s2 - s1) / per_round / frame
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    print(f"SQLite {sqlite3.sqlite_version}, {rounds} rounds of 200 + 200 transactions, medians")
    print(f"{'layout':<8} {'synchronous':<11} {'raw µs':>7} {'command µs':>10} {'ratio':>6} {'frames':>7} {'raw frames':>10}")
    for synchronous in ("FULL", "NORMAL"):
        for name, schema in (("store", STORE), ("store9", STORE9), ("lean", LEAN), ("bare", BARE), ("onerow", ONEROW), ("store11", STORE11)):
            r, d, ratio, frames, raw_frames = measure(schema, synchronous, rounds)
            print(f"{name:<8} {synchronous:<11} {r:>7.0f} {d:>10.0f} {ratio:>6.2f} {frames:>7.1f} {raw_frames:>10.1f}")


if __name__ == "__main__":
    main()
