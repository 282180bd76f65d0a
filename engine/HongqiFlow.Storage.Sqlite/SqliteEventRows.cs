using System.Data.Common;
using HongqiFlow.Storage.Sql;
using static HongqiFlow.Storage.Sql.SqlCommands;

namespace HongqiFlow.Storage.Sqlite;

/// <summary>
/// The SQLite store's one-row layout (migration 11): a command's last event row carries its idempotency key and result,
/// and its events carry its timers and outbox messages as columns (the first event the first timer and the first message,
/// and so on), served by partial indexes, so a durable command writes the events, the case and the index entries, and no
/// row of its own for each. A command that schedules more timers or sends more messages than it writes events (or writes
/// no event) keeps them in the <c>timers</c> and <c>outbox</c> tables (and a key of a command without events in
/// <c>command_results</c>), as do the rows written before the migration: every read and claim here reads both places. Cancelling and completing a timer update the row it lives in. The event's payload and hash
/// are untouched (the new columns are outside the chain). Messages are ordered by one key over both places: an event's
/// message by <c>seq × 65,536</c>, a message of the <c>outbox</c> table by its sequence, which a new row takes above every
/// key given so far (<see cref="NextSequence"/>).
/// </summary>
internal static class SqliteEventRows
{
    /// <summary>An event's message sorts at its row's <c>seq</c> times this; the outbox rows written after it, between.</summary>
    public const long MessageKeyStep = 65_536;

    private const string RepeatOnEvent = "SELECT version, result_json FROM events WHERE idempotency_key = @k";
    private const string RepeatInTable = "SELECT version, result_json FROM command_results WHERE idempotency_key = @k";
    private const string InsertKey = "INSERT INTO command_results (idempotency_key, case_id, version, result_json) VALUES (@k, @c, @v, @r)";

    // "+timer_state", "+message_state": checked, never used to pick an index (the pending indexes would be walked through
    // the whole backlog instead of looking the id up).
    private const string CompleteEventTimer = "UPDATE events SET timer_state = 1 WHERE timer_id = @t AND +timer_state = 0 AND timer_lease_owner = @o";
    private const string CompleteTableTimer = "UPDATE timers SET state = 1 WHERE timer_id = @t AND state = 0 AND lease_owner = @o";
    private const string CancelEventTimer = "UPDATE events SET timer_state = 2 WHERE timer_id = @t AND +timer_state = 0";
    private const string CancelTableTimer = "UPDATE timers SET state = 2 WHERE timer_id = @t AND state = 0";

    // A timer id scheduled again replaces the earlier timer of that id wherever it is (the contract's upsert).
    private const string ClearEventTimer =
        "UPDATE events SET timer_id = NULL, timer_kind = NULL, timer_due = NULL, timer_payload = NULL, timer_state = NULL, timer_lease_owner = NULL, timer_lease_until = NULL, timer_attempts = NULL WHERE timer_id = @t";
    private const string DeleteTableTimer = "DELETE FROM timers WHERE timer_id = @t";
    private const string ScheduleTableTimer =
        "INSERT INTO timers (timer_id, case_id, kind, due_at, payload_json, state, lease_owner, lease_until, attempts) VALUES (@t, @c, @k, @d, @p, 0, NULL, NULL, 0) " +
        "ON CONFLICT (timer_id) DO UPDATE SET case_id = excluded.case_id, kind = excluded.kind, due_at = excluded.due_at, payload_json = excluded.payload_json, state = 0, lease_owner = NULL, lease_until = NULL, attempts = 0";

    private const string MessageOnEvent = "SELECT 1 FROM events WHERE message_id = @m";
    private const string MessageInTable = "SELECT 1 FROM outbox WHERE message_id = @m";
    private const string NextSequence =
        "SELECT max(coalesce((SELECT max(sequence) FROM outbox), 0) + 1, coalesce((SELECT max(seq) FROM events), 0) * 65536 + 1)";
    private const string InsertTableMessage =
        "INSERT INTO outbox (sequence, message_id, case_id, channel, payload_json, state, attempts, next_attempt_at, created_at) VALUES (@q, @m, @c, @ch, @p, 0, 0, @n, @n) ON CONFLICT (message_id) DO NOTHING";

    private const string InsertEvent = "INSERT INTO events (case_id, version, type, payload_json, occurred_at, hash, previous_hash) VALUES (@c, @v, @t, @p, @o, @h, @ph)";
    private const string InsertEventRow =
        "INSERT INTO events (case_id, version, type, payload_json, occurred_at, hash, previous_hash, idempotency_key, result_json, " +
        "timer_id, timer_kind, timer_due, timer_payload, timer_state, timer_attempts, " +
        "message_id, message_channel, message_payload, message_state, message_attempts, message_next_attempt, message_created) " +
        "VALUES (@c, @v, @t, @p, @o, @h, @ph, @k, @r, @ti, @tk, @td, @tp, @ts, @ta, @mi, @mc, @mp, @ms, @ma, @mn, @mt)";

    private const string MoveCase = "UPDATE cases SET definition_id = @d WHERE case_id = @c";
    private const string UpdateCase = "UPDATE cases SET version = @v, head_hash = @h, status = @s, state_json = @j, snapshot_hash = @sh, updated_at = @n WHERE case_id = @c";
    private const string UpdateCaseSameStatus = "UPDATE cases SET version = @v, head_hash = @h, state_json = @j, snapshot_hash = @sh, updated_at = @n WHERE case_id = @c";

    /// <summary>
    /// The append on the single writer, with the checks of <see cref="SqlCaseOperations.AppendAsync"/> in the same order: a
    /// used key returns its stored result before anything is written; a failed check throws and the transaction takes
    /// back whatever was written.
    /// </summary>
    public static async Task<AppendResult> AppendAsync(DbConnection c, DbTransaction tx, PreparedCommands prepared, AppendRequest request, ChainAlgorithm newCaseChains, CancellationToken ct)
    {
        Task<int> Run(string sql, params (string Name, object? Value)[] parameters) => prepared.Get(tx, sql, parameters).ExecuteNonQueryAsync(ct);
        async Task<bool> Exists(string sql, params (string Name, object? Value)[] parameters) => await prepared.Get(tx, sql, parameters).ExecuteScalarAsync(ct) is not null;

        var now = Timestamps.ToMillis(request.Now);
        var newVersion = request.ExpectedVersion + request.Events.Count;
        var key = request.IdempotencyKey;
        if (key is not null && await RepeatAsync(prepared, tx, key, ct) is { } repeat)
        {
            return repeat;
        }

        var head = await SqlCaseOperations.CheckHeadAsync(tx, prepared, request, newCaseChains, now, ct);
        var version = head?.Version ?? 0;

        if (request.CompletesTimer is { } done
            && await Run(CompleteEventTimer, ("t", done.TimerId), ("o", done.NodeId)) == 0
            && await Run(CompleteTableTimer, ("t", done.TimerId), ("o", done.NodeId)) == 0)
        {
            throw new TimerClaimLostException(done.TimerId, done.NodeId);
        }

        foreach (var id in request.TimerIdsToCancel)
        {
            await Run(CancelEventTimer, ("t", id));
            await Run(CancelTableTimer, ("t", id));
        }

        var headHash = head?.Hash ?? AuditChain.Genesis;
        var algorithm = head?.Algorithm ?? newCaseChains;
        var stored = AuditChain.Chain(request.CaseId, version, headHash, request.Events, algorithm);

        // The last event carries the key; the timers and the messages go on the events in order when there are no more of
        // them than events (a command of one event: one timer, one message), and into their tables otherwise.
        var timersOnEvents = request.TimersToSchedule.Count <= stored.Count;
        var messagesOnEvents = request.Outbox.Count <= stored.Count;
        foreach (var t in request.TimersToSchedule)
        {
            await Run(ClearEventTimer, ("t", t.TimerId));
            if (timersOnEvents)
            {
                await Run(DeleteTableTimer, ("t", t.TimerId));
            }
            else
            {
                await Run(ScheduleTableTimer, ("t", t.TimerId), ("c", request.CaseId), ("k", t.Kind), ("d", Timestamps.ToMillis(t.DueAt)), ("p", t.PayloadJson));
            }
        }

        for (var i = 0; i < stored.Count; i++)
        {
            var e = stored[i];
            var timer = timersOnEvents && i < request.TimersToSchedule.Count ? request.TimersToSchedule[i] : null;
            var message = messagesOnEvents && i < request.Outbox.Count ? request.Outbox[i] : null;

            // A message id already written is not written again (the contract's "do nothing" on a repeated id).
            if (message is not null && (await Exists(MessageOnEvent, ("m", message.MessageId)) || await Exists(MessageInTable, ("m", message.MessageId))))
            {
                message = null;
            }

            var last = i == stored.Count - 1;
            if (timer is null && message is null && !(last && key is not null))
            {
                await Run(InsertEvent, ("c", e.CaseId), ("v", e.Version), ("t", e.Type), ("p", e.PayloadJson), ("o", Timestamps.ToMillis(e.OccurredAt)), ("h", e.Hash), ("ph", e.PreviousHash));
                continue;
            }

            await Run(InsertEventRow, ("c", e.CaseId), ("v", e.Version), ("t", e.Type), ("p", e.PayloadJson), ("o", Timestamps.ToMillis(e.OccurredAt)), ("h", e.Hash), ("ph", e.PreviousHash),
                ("k", last ? key : null), ("r", last && key is not null ? request.ResultJson : null),
                ("ti", timer?.TimerId), ("tk", timer?.Kind), ("td", timer is null ? null : Timestamps.ToMillis(timer.DueAt)), ("tp", timer?.PayloadJson),
                ("ts", timer is null ? null : 0L), ("ta", timer is null ? null : 0L),
                ("mi", message?.MessageId), ("mc", message?.Channel), ("mp", message?.PayloadJson), ("ms", message is null ? null : 0L), ("ma", message is null ? null : 0L),
                ("mn", message is null ? null : now), ("mt", message is null ? null : now));
        }

        if (key is not null && stored.Count == 0)
        {
            await Run(InsertKey, ("k", key), ("c", request.CaseId), ("v", newVersion), ("r", request.ResultJson));
        }

        if (!messagesOnEvents)
        {
            var sequence = Convert.ToInt64(await prepared.Get(tx, NextSequence, []).ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            foreach (var o in request.Outbox)
            {
                if (!await Exists(MessageOnEvent, ("m", o.MessageId))
                    && await Run(InsertTableMessage, ("q", sequence), ("m", o.MessageId), ("c", request.CaseId), ("ch", o.Channel), ("p", o.PayloadJson), ("n", now)) == 1)
                {
                    sequence++;
                }
            }
        }

        var newHead = stored.Count > 0 ? stored[^1].Hash : headHash;
        var seal = SnapshotSeal.Compute(algorithm, request.CaseId, newVersion, newHead, request.Snapshot.Status, request.Snapshot.StateJson);
        if (head is { } old && old.Status == request.Snapshot.Status)
        {
            await Run(UpdateCaseSameStatus, ("v", newVersion), ("h", newHead), ("j", request.Snapshot.StateJson), ("sh", seal), ("n", now), ("c", request.CaseId));
        }
        else
        {
            await Run(UpdateCase, ("v", newVersion), ("h", newHead), ("s", request.Snapshot.Status), ("j", request.Snapshot.StateJson), ("sh", seal), ("n", now), ("c", request.CaseId));
        }

        if (request.MovesToDefinitionId is { } moved && request.ExpectedVersion > 0)
        {
            await Run(MoveCase, ("d", moved), ("c", request.CaseId));
        }

        return new AppendResult(newVersion, request.ResultJson, false, stored);
    }

    private static async Task<AppendResult?> RepeatAsync(PreparedCommands prepared, DbTransaction tx, string key, CancellationToken ct)
    {
        foreach (var sql in (string[])[RepeatOnEvent, RepeatInTable])
        {
            await using var reader = await prepared.Get(tx, sql, [("k", key)]).ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                return new AppendResult(Long(reader, 0), reader.GetString(1), true, []);
            }
        }

        return null;
    }

    public static async Task<StoredResult?> FindResultAsync(DbConnection c, string key, CancellationToken ct) =>
        (await QueryAsync(c, null,
            "SELECT case_id, version, result_json FROM events WHERE idempotency_key = @k UNION ALL SELECT case_id, version, result_json FROM command_results WHERE idempotency_key = @k",
            r => new StoredResult(r.GetString(0), Long(r, 1), r.GetString(2)), ct, ("k", key))).FirstOrDefault();

    public static async Task<int> CompleteTimerAsync(DbConnection c, DbTransaction tx, TimerCompletion done, CancellationToken ct) =>
        await ExecuteAsync(c, tx, CompleteEventTimer, ct, ("t", done.TimerId), ("o", done.NodeId)) is var n and > 0
            ? n
            : await ExecuteAsync(c, tx, CompleteTableTimer, ct, ("t", done.TimerId), ("o", done.NodeId));

    public static async Task<IReadOnlyList<ClaimedTimer>> ClaimDueTimersAsync(DbConnection c, DbTransaction tx, DateTimeOffset now, string nodeId, TimeSpan lease, int max, CancellationToken ct)
    {
        var n = Timestamps.ToMillis(now);
        var until = Timestamps.ToMillis(now + lease);
        var due = await QueryAsync(c, tx,
            // One compound statement, so SQLite merges the two places, each read in due order from its pending index, and stops at the limit.
            "SELECT 0 AS src, timer_id AS id, case_id, timer_kind AS kind, timer_due AS due, timer_payload AS payload, timer_attempts AS attempts FROM events " +
            "WHERE timer_state = 0 AND timer_due <= @n AND (timer_lease_until IS NULL OR timer_lease_until <= @n) " +
            "UNION ALL SELECT 1, timer_id, case_id, kind, due_at, payload_json, attempts FROM timers WHERE state = 0 AND due_at <= @n AND (lease_until IS NULL OR lease_until <= @n) " +
            "ORDER BY due, id LIMIT @m",
            r => (OnEvent: Long(r, 0) == 0, Timer: new ClaimedTimer(r.GetString(1), r.GetString(2), r.GetString(3), Timestamps.FromMillis(Long(r, 4)), r.GetString(5), nodeId, Timestamps.FromMillis(until), (int)Long(r, 6) + 1)),
            ct, ("n", n), ("m", (long)max));
        foreach (var (onEvent, timer) in due)
        {
            await ExecuteAsync(c, tx, onEvent
                    ? "UPDATE events SET timer_lease_owner = @o, timer_lease_until = @u, timer_attempts = timer_attempts + 1 WHERE timer_id = @t AND +timer_state = 0"
                    : "UPDATE timers SET lease_owner = @o, lease_until = @u, attempts = attempts + 1 WHERE timer_id = @t",
                ct, ("o", nodeId), ("u", until), ("t", timer.TimerId));
        }

        return [.. due.Select(d => d.Timer)];
    }

    public static async Task<IReadOnlyList<TimerEntry>> ListTimersAsync(DbConnection c, string caseId, CancellationToken ct) =>
        await QueryAsync(c, null,
            "SELECT timer_id, case_id, timer_kind, timer_due, timer_state, timer_lease_owner, timer_lease_until, timer_attempts FROM events WHERE case_id = @c AND timer_id IS NOT NULL " +
            "UNION ALL SELECT timer_id, case_id, kind, due_at, state, lease_owner, lease_until, attempts FROM timers WHERE case_id = @c ORDER BY 4, 1",
            r => new TimerEntry(r.GetString(0), r.GetString(1), r.GetString(2), Timestamps.FromMillis(Long(r, 3)), (TimerState)Long(r, 4),
                NullableString(r, 5), NullableLong(r, 6) is { } u ? Timestamps.FromMillis(u) : null, (int)Long(r, 7)),
            ct, ("c", caseId));

    public static async Task<IReadOnlyList<OutboxMessage>> ClaimOutboxAsync(DbConnection c, DbTransaction tx, DateTimeOffset now, string nodeId, TimeSpan lease, int max, CancellationToken ct)
    {
        var n = Timestamps.ToMillis(now);
        var until = Timestamps.ToMillis(now + lease);
        var due = await QueryAsync(c, tx,
            // One compound statement, so SQLite merges the two places, each read in due order from its pending index, and stops at the limit.
            "SELECT 0 AS src, seq AS row, message_id AS id, case_id, message_channel AS channel, message_payload AS payload, message_attempts AS attempts, " +
            "message_created AS created, message_next_attempt AS due, seq * 65536 AS sort FROM events " +
            "WHERE message_state = 0 AND message_next_attempt <= @n AND (message_lease_until IS NULL OR message_lease_until <= @n) " +
            "UNION ALL SELECT 1, sequence, message_id, case_id, channel, payload_json, attempts, created_at, next_attempt_at, sequence FROM outbox " +
            "WHERE state = 0 AND next_attempt_at <= @n AND (lease_until IS NULL OR lease_until <= @n) " +
            "ORDER BY due, sort LIMIT @m",
            r => (OnEvent: Long(r, 0) == 0, Row: Long(r, 1), Message: new OutboxMessage(r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), (int)Long(r, 6) + 1, Timestamps.FromMillis(Long(r, 7)))),
            ct, ("n", n), ("m", (long)max));
        foreach (var (onEvent, row, _) in due)
        {
            await ExecuteAsync(c, tx, onEvent
                    ? "UPDATE events SET message_lease_owner = @o, message_lease_until = @u, message_attempts = message_attempts + 1 WHERE seq = @r"
                    : "UPDATE outbox SET lease_owner = @o, lease_until = @u, attempts = attempts + 1 WHERE sequence = @r",
                ct, ("o", nodeId), ("u", until), ("r", row));
        }

        return [.. due.Select(d => d.Message)];
    }

    public static async Task<int> MarkDeliveredAsync(DbConnection c, DbTransaction tx, IReadOnlyList<string> messageIds, DateTimeOffset now, CancellationToken ct)
    {
        var marked = 0;
        foreach (var id in messageIds.Distinct(StringComparer.Ordinal))
        {
            marked += await MarkDeliveredAsync(c, tx, id, now, ct);
        }

        return marked;
    }

    public static async Task<int> MarkDeliveredAsync(DbConnection c, DbTransaction tx, string messageId, DateTimeOffset now, CancellationToken ct) =>
        await ExecuteAsync(c, tx,
            "UPDATE events SET message_state = 1, message_delivered = @n, message_lease_owner = NULL, message_lease_until = NULL WHERE message_id = @m AND +message_state = 0", ct,
            ("n", Timestamps.ToMillis(now)), ("m", messageId)) is var n and > 0
            ? n
            : await SqlCaseOperations.MarkDeliveredAsync(c, tx, messageId, now, ct);

    public static async Task<OutboxState> MarkFailedAsync(DbConnection c, DbTransaction tx, string messageId, string error, DateTimeOffset? retryAt, CancellationToken ct)
    {
        var state = await QueryAsync(c, tx, "SELECT message_state FROM events WHERE message_id = @m", r => (OutboxState)Long(r, 0), ct, ("m", messageId));
        if (state.Count == 0)
        {
            return await SqlCaseOperations.MarkFailedAsync(c, tx, messageId, error, retryAt, ct);
        }

        if (state[0] != OutboxState.Pending)
        {
            return state[0];
        }

        if (retryAt is { } at)
        {
            await ExecuteAsync(c, tx, "UPDATE events SET message_last_error = @e, message_lease_owner = NULL, message_lease_until = NULL, message_next_attempt = @r WHERE message_id = @m", ct,
                ("e", error), ("r", Timestamps.ToMillis(at)), ("m", messageId));
            return OutboxState.Pending;
        }

        await ExecuteAsync(c, tx, "UPDATE events SET message_last_error = @e, message_lease_owner = NULL, message_lease_until = NULL, message_state = 2 WHERE message_id = @m", ct,
            ("e", error), ("m", messageId));
        return OutboxState.DeadLettered;
    }

    public static async Task<IReadOnlyList<OutboxEntry>> QueryOutboxAsync(DbConnection c, OutboxQuery q, CancellationToken ct)
    {
        var onEvent = new List<string> { "message_id IS NOT NULL" };
        var inTable = new List<string>();
        var parameters = new List<(string, object?)> { ("l", (long)q.Limit) };

        // Pending is written as a constant so that the pending index serves it.
        if (q.State == OutboxState.Pending) { onEvent.Add("message_state = 0"); inTable.Add("state = 0"); }
        else if (q.State is { } state) { onEvent.Add("message_state = @s"); inTable.Add("state = @s"); parameters.Add(("s", (long)state)); }
        if (q.CaseId is not null) { onEvent.Add("case_id = @c"); inTable.Add("case_id = @c"); parameters.Add(("c", q.CaseId)); }
        return await QueryAsync(c, null,
            "SELECT message_id, case_id, message_channel AS channel, message_payload AS payload_json, message_state AS state, message_attempts AS attempts, " +
            "message_next_attempt AS next_attempt_at, message_last_error AS last_error, message_created AS created_at, message_delivered AS delivered_at, seq * 65536 AS sort FROM events " +
            "WHERE " + string.Join(" AND ", onEvent) +
            " UNION ALL SELECT message_id, case_id, channel, payload_json, state, attempts, next_attempt_at, last_error, created_at, delivered_at, sequence FROM outbox" +
            (inTable.Count == 0 ? "" : " WHERE " + string.Join(" AND ", inTable)) + " ORDER BY sort LIMIT @l",
            r => new OutboxEntry(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), (OutboxState)Long(r, 4), (int)Long(r, 5),
                Timestamps.FromMillis(Long(r, 6)), NullableString(r, 7), Timestamps.FromMillis(Long(r, 8)), NullableLong(r, 9) is { } d ? Timestamps.FromMillis(d) : null),
            ct, [.. parameters]);
    }

    /// <summary>A case's outbox payloads in message order, from both places (personal data protection rewrites them).</summary>
    public const string OutboxPayloadsOfCase =
        "SELECT message_id, payload_json FROM (SELECT message_id, message_payload AS payload_json, seq * 65536 AS sort FROM events WHERE case_id = @c AND message_id IS NOT NULL " +
        "UNION ALL SELECT message_id, payload_json, sequence FROM outbox WHERE case_id = @c) ORDER BY sort";

    /// <summary>Rewrites one message's payload wherever it lives.</summary>
    public const string UpdateOutboxPayload =
        "UPDATE events SET message_payload = @p WHERE message_id = @m; UPDATE outbox SET payload_json = @p WHERE message_id = @m";
}
